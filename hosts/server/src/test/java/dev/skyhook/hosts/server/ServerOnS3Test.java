package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.aws.s3.S3BlobStore;
import dev.skyhook.adapters.aws.s3.S3Clients;
import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import dev.skyhook.adapters.aws.testing.S3TestBucket;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a bucket configured, as on Lambda, the server stores uploads in S3 (here S3Proxy) and presigns with S3. */
class ServerOnS3Test {
    private ServerOnS3 server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void uploadsGoToTheBucketAndDirectUploadsAreS3PresignedPuts(@TempDir Path data) throws Exception {
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("server");
        server = ServerOnS3.start(
                data, bucket.settings().bucket(), S3ProxyServer.shared().endpoint(), Map.of("API_KEYS", ""));
        HttpHostClient client = server.client;

        HostResponse uploaded = client.send(new MultipartBody()
                .file("file", "a.png", "image/png", TestImages.png(3, 3))
                .post("/images/post"));
        HostResponse direct = client.send(
                HostRequest.json("POST", "/uploads", "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":100}"));

        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(200);
        String url = ((List<String>) uploaded.jsonObject().get("data")).get(0);
        assertThat(url)
                .startsWith(S3ProxyServer.shared().endpoint() + "/"
                        + bucket.settings().bucket() + "/post/");
        try (S3Clients clients = bucket.openClients()) {
            S3BlobStore blobs = new S3BlobStore(clients.client(), bucket.settings());
            String key = URI.create(url)
                    .getPath()
                    .substring(bucket.settings().bucket().length() + 2);
            assertThat(blobs.stat(new BlobKey(key)).orElseThrow().contentType()).isEqualTo("image/png");
        }
        Map<String, Object> signed = (Map<String, Object>) direct.jsonObject().get("data");
        assertThat((String) signed.get("url"))
                .startsWith(S3ProxyServer.shared().endpoint().toString())
                .contains("X-Amz-Signature=");
        assertThat(client.send(HostRequest.get("/blobs/post/anything.png")).status())
                .isEqualTo(404);
        assertThat(client.send(HostRequest.get("/health")).jsonObject())
                .containsEntry("stores", Map.of("users", "UP", "rides", "UP", "blobs", "UP"));
    }

    @Test
    void healthIs503WhenTheBucketCannotBeReached(@TempDir Path data) throws Exception {
        server = ServerOnS3.start(data, "never-created", S3ProxyServer.shared().endpoint(), Map.of());

        HostResponse health = server.client.send(HostRequest.get("/health"));

        assertThat(health.status()).isEqualTo(503);
        assertThat(health.jsonObject())
                .containsEntry("status", "DOWN")
                .containsEntry("stores", Map.of("users", "UP", "rides", "UP", "blobs", "DOWN"));
    }
}
