package dev.skyhook.hosts.server;

import dev.skyhook.adapters.aws.s3.S3BlobStore;
import dev.skyhook.adapters.aws.s3.S3Clients;
import dev.skyhook.adapters.aws.testing.S3FaultProxy;
import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import dev.skyhook.adapters.aws.testing.S3TestBucket;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
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
    private final EmbeddedServer server;
    private final S3Clients direct;
    private final S3BlobStore bucket;

    private ServerOnFaultyS3(S3FaultProxy proxy, EmbeddedServer server, S3Clients direct, S3BlobStore bucket) {
        this.proxy = proxy;
        this.server = server;
        this.client = new HttpHostClient(server.getURI());
        this.direct = direct;
        this.bucket = bucket;
    }

    static ServerOnFaultyS3 start(Path data) {
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("drill");
        S3FaultProxy proxy = S3FaultProxy.inFrontOf(S3ProxyServer.shared().endpoint());
        // The default credentials chain reads these, as it reads the function's role on Lambda.
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        EmbeddedServer server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "skyhook.env.DATA_DIR",
                        data.toString(),
                        "skyhook.env.API_KEYS",
                        "",
                        "skyhook.env.BUCKET_NAME",
                        bucket.settings().bucket(),
                        "skyhook.env.S3_ENDPOINT",
                        proxy.endpoint().toString(),
                        "skyhook.env.AWS_REGION",
                        "us-east-1",
                        "skyhook.env.JWT_SECRET",
                        TestJwts.SECRET));
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
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            proxy.close();
        }
    }
}
