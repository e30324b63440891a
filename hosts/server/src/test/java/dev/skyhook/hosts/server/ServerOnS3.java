package dev.skyhook.hosts.server;

import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The server storing blobs in a bucket of an S3-compatible store, as on Lambda, with S3Proxy's credentials
 * where the default credentials chain reads them for as long as the server runs.
 */
final class ServerOnS3 implements AutoCloseable {
    final EmbeddedServer server;
    final HttpHostClient client;

    private ServerOnS3(EmbeddedServer server) {
        this.server = server;
        this.client = new HttpHostClient(server.getURI());
    }

    /** The server on {@code bucket} at {@code endpoint}, with {@code variables} (names as in the environment) set too. */
    static ServerOnS3 start(Path data, String bucket, URI endpoint, Map<String, String> variables) {
        Map<String, String> all = new HashMap<>(variables);
        all.put("BUCKET_NAME", bucket);
        all.put("S3_ENDPOINT", endpoint.toString());
        all.put("AWS_REGION", "us-east-1");
        // The default credentials chain reads these, as it reads the function's role on Lambda.
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
        try {
            return new ServerOnS3(TestServer.start(data, all));
        } catch (RuntimeException | Error e) {
            clearCredentials();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            clearCredentials();
        }
    }

    private static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
