package dev.skyhook.hosts.server;

import dev.skyhook.adapters.aws.s3.S3BlobStore;
import dev.skyhook.adapters.aws.s3.S3Clients;
import dev.skyhook.adapters.aws.testing.S3FaultProxy;
import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import dev.skyhook.adapters.aws.testing.S3TestBucket;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The server on a bucket of the shared S3Proxy, reached through an {@link S3FaultProxy}; the test
 * looks at the bucket directly, past the proxy.
 */
final class ServerOnFaultyS3 implements AutoCloseable {
    final S3FaultProxy proxy;
    final HttpHostClient client;
    private final ServerOnS3 server;
    private final S3Clients direct;
    private final S3BlobStore bucket;

    private ServerOnFaultyS3(S3FaultProxy proxy, ServerOnS3 server, S3Clients direct, S3BlobStore bucket) {
        this.proxy = proxy;
        this.server = server;
        this.client = server.client;
        this.direct = direct;
        this.bucket = bucket;
    }

    static ServerOnFaultyS3 start(Path data) {
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("drill");
        S3FaultProxy proxy = S3FaultProxy.inFrontOf(S3ProxyServer.shared().endpoint());
        ServerOnS3 server = ServerOnS3.start(
                data,
                bucket.settings().bucket(),
                proxy.endpoint(),
                Map.of("API_KEYS", "", "JWT_SECRET", TestJwts.SECRET));
        S3Clients direct = bucket.openClients();
        return new ServerOnFaultyS3(proxy, server, direct, new S3BlobStore(direct.client(), bucket.settings()));
    }

    /** What the bucket holds under {@code prefix}, asked of S3Proxy directly. */
    List<BlobKey> stored(String prefix) {
        return bucket.list(prefix);
    }

    /** The bytes of a stored object, read from S3Proxy directly. */
    byte[] read(String key) {
        try (BlobContent blob = bucket.open(new BlobKey(key)).orElseThrow()) {
            return blob.readAllBytes();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            direct.close();
        } finally {
            proxy.close();
        }
    }
}
