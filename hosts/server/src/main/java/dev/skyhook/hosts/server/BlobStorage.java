package dev.skyhook.hosts.server;

import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.port.out.BlobUrlVerifier;
import java.util.Optional;

/**
 * The blob store the server runs on and how its URLs are signed; {@code localVerifier} is present
 * when this server checks its own signed URLs (the directory store), absent on S3.
 */
record BlobStorage(BlobStore store, BlobUrlSigner signer, Optional<BlobUrlVerifier> localVerifier, AutoCloseable clients)
    implements AutoCloseable {
    @Override
    public void close() throws Exception {
        clients.close();
    }
}
