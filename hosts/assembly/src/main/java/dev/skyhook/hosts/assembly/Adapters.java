package dev.skyhook.hosts.assembly;

import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.port.out.RideRepository;
import dev.skyhook.core.port.out.UserRepository;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The outgoing ports that talk to a store, chosen once per host: {@link AwsAdapters} (a Lambda
 * function), {@link LocalAdapters} (the local server: H2 or MySQL, a directory or a bucket), or the
 * test host's in-memory ones. Each store is built on first use. The pure-code ports (image inspector
 * and codec) are the same everywhere and come from {@link Assembly}.
 */
public interface Adapters {
    UserRepository users();

    RideRepository rides();

    BlobStore blobs();

    BlobUrlSigner blobUrlSigner();

    /** The HMAC key of signed image URLs ({@code IMAGE_URL_SIGNING=on}). */
    byte[] urlSigningSecret();

    /** Each backing store by name, with a check that answers quickly, for {@code GET /health}. */
    Map<String, BooleanSupplier> health();
}
