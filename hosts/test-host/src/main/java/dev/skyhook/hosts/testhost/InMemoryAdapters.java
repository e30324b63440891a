package dev.skyhook.hosts.testhost;

import dev.skyhook.adapters.local.signing.HmacBlobUrlSigner;
import dev.skyhook.core.fake.InMemoryBlobStore;
import dev.skyhook.core.fake.InMemoryRideRepository;
import dev.skyhook.core.fake.InMemoryUserRepository;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.hosts.assembly.Adapters;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The test host's stores: in memory, always reachable; URLs signed with a key drawn for this host alone. */
final class InMemoryAdapters implements Adapters {
    private final InMemoryBlobStore blobs;
    private final InMemoryRideRepository rides = new InMemoryRideRepository();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final HmacBlobUrlSigner signer;
    private final byte[] urlSigningSecret;

    /** {@code configuredSecret}: as {@code URL_SIGNING_SECRET}; empty for a fresh random one. */
    InMemoryAdapters(String baseUrl, Optional<String> configuredSecret) {
        this.blobs = new InMemoryBlobStore(baseUrl + "/blobs");
        this.urlSigningSecret = configuredSecret
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    byte[] secret = new byte[32];
                    new SecureRandom().nextBytes(secret);
                    return secret;
                });
        this.signer = new HmacBlobUrlSigner(urlSigningSecret, URI.create(baseUrl + "/signed"), Clock.systemUTC());
    }

    @Override
    public InMemoryUserRepository users() {
        return users;
    }

    @Override
    public InMemoryRideRepository rides() {
        return rides;
    }

    @Override
    public InMemoryBlobStore blobs() {
        return blobs;
    }

    @Override
    public BlobUrlSigner blobUrlSigner() {
        return signer;
    }

    /** The signer as the verifier of the URLs it signs, which the test host serves itself. */
    HmacBlobUrlSigner localVerifier() {
        return signer;
    }

    @Override
    public byte[] urlSigningSecret() {
        return urlSigningSecret.clone();
    }

    /** Memory is always reachable. */
    @Override
    public Map<String, BooleanSupplier> health() {
        return Map.of("users", () -> true);
    }
}
