package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage plans over real HTTP: a burst beyond the bucket is throttled, a spent quota is refused, other keys are untouched. */
class ServerApiKeysTest {
    private static final MultipartBody UPLOAD =
            new MultipartBody().file("file", "a.png", "image/png", TestImages.png(2, 2));

    @Test
    void throttleAndQuotaAnswerApiGatewaysBodies(@TempDir Path data) throws Exception {
        try (EmbeddedServer server = TestServer.start(
                data, Map.of("API_KEYS", "burst-key-01=0.001:2:1000,quota-key-01=1000:1000:1,other-key-01=basic"))) {
            HttpHostClient client = new HttpHostClient(server.getURI());

            assertThat(upload(client, "burst-key-01").status()).isEqualTo(200);
            assertThat(upload(client, "burst-key-01").status()).isEqualTo(200);
            assertRefused(upload(client, "burst-key-01"), 429, "Too Many Requests");

            assertThat(upload(client, "quota-key-01").status()).isEqualTo(200);
            assertRefused(upload(client, "quota-key-01"), 429, "Limit Exceeded");

            assertThat(upload(client, "other-key-01").status()).isEqualTo(200);
            assertRefused(client.send(UPLOAD.post("/images/post")), 403, "Forbidden");
            // Keys guard uploads only: the rest of the API needs none.
            assertThat(client.send(HostRequest.get("/hello")).status()).isEqualTo(200);
        }
    }

    @Test
    void withoutConfiguredKeysADemoKeyIsKeptAndRequired(@TempDir Path data) throws Exception {
        try (EmbeddedServer server = TestServer.start(data)) {
            HttpHostClient client = new HttpHostClient(server.getURI());
            String demoKey = java.util.Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(java.util.Base64.getDecoder()
                            .decode(Files.readString(data.resolve("demo-api-key"))
                                    .strip()));

            assertRefused(client.send(UPLOAD.post("/images/post")), 403, "Forbidden");
            assertThat(upload(client, demoKey).status()).isEqualTo(200);
        }
    }

    private static HostResponse upload(HttpHostClient client, String key) throws Exception {
        return client.send(UPLOAD.post("/images/post").withHeader("x-api-key", key));
    }

    private static void assertRefused(HostResponse response, int status, String message) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.jsonObject()).isEqualTo(Map.of("message", message));
        assertThat(response.header("X-Request-Id")).isPresent();
    }
}
