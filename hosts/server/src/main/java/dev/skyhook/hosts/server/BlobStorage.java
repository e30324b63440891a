package dev.skyhook.hosts.server;

import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.port.out.BlobUrlVerifier;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The blob store the server runs on and how its URLs are signed; {@code localVerifier} is present
 * when this server checks its own signed URLs (the directory store), absent on S3. {@code health}
 * answers whether the store can be used now, for {@code /health}.
 */
record BlobStorage(BlobStore store, BlobUrlSigner signer, Optional<BlobUrlVerifier> localVerifier, BooleanSupplier health,
                   AutoCloseable clients) implements AutoCloseable {
    @Override
    public void close() throws Exception {
        clients.close();
    }
}
