package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo page's routes over real HTTP: its files, and who is told the demo API key. */
class DemoPageTest {
    @TempDir
    Path data;

    @Test
    void thePageAndItsAssetsAreServedThroughTheApi() throws Exception {
        try (EmbeddedServer server = start(Map.of())) {
            HttpHostClient client = new HttpHostClient(server.getURI());

            HostResponse page = client.send(HostRequest.get("/"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).contains("text/html; charset=utf-8");
            assertThat(page.header("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'self'"));
            assertThat(page.header("X-Request-Id"))
                    .as("answered by the API, like every route")
                    .isPresent();
            assertThat(page.text()).contains("<script src=\"/demo/app.js\" defer></script>");

            assertThat(client.send(HostRequest.get("/demo/app.js")).header("Content-Type"))
                    .contains("text/javascript; charset=utf-8");
            assertThat(client.send(HostRequest.get("/demo/app.css")).header("Content-Type"))
                    .contains("text/css; charset=utf-8");
            // One address for the page; nothing else from the class path.
            for (String missing : List.of(
                    "/demo/index.html",
                    "/demo/nope.js",
                    "/demo/application.properties",
                    "/demo/..%2Fapplication.properties")) {
                HostResponse response = client.send(HostRequest.get(missing));
                assertThat(response.status()).as(missing).isIn(400, 404);
                assertThat(response.jsonObject()).containsKey("error");
            }
        }
    }

    @Test
    void onThisMachineThePageIsGivenTheGeneratedDemoKeyWhichUploads() throws Exception {
        try (EmbeddedServer server = start(Map.of())) {
            HttpHostClient client = new HttpHostClient(server.getURI());

            Map<String, Object> session =
                    client.send(HostRequest.get("/demo/session")).jsonObject();

            assertThat(session)
                    .containsEntry("apiKeysOn", true)
                    .containsEntry("demoTokens", true)
                    .containsEntry("uploadFolders", List.of("banner", "post", "profile"))
                    .hasEntrySatisfying(
                            "publicBaseUrl", url -> assertThat(url).asString().endsWith("/blobs"));
            String key = (String) session.get("apiKey");
            assertThat(key).isNotBlank();
            HostResponse upload = client.send(new MultipartBody()
                    .file("file", "a.png", "image/png", TestImages.png(2, 2))
                    .post("/images/post")
                    .withHeader("x-api-key", key));
            assertThat(upload.status()).isEqualTo(200);
        }
    }

    @Test
    void aPageUnderAnotherHostNameIsNotAnsweredAtAll() throws Exception {
        try (EmbeddedServer server = start(Map.of())) {
            // A site whose name was re-pointed at 127.0.0.1 reaches the server with its own name in Host.
            String response = rawGet(server.getPort(), "/demo/session", "attacker.example:" + server.getPort());

            assertThat(response).startsWith("HTTP/1.1 421 ").doesNotContain("apiKey");
        }
    }

    @Test
    void underAnAllowedNameThatIsNotLoopbackThePageIsNotGivenTheKeyNorTokens() throws Exception {
        try (EmbeddedServer server = start(Map.of("skyhook.env.ALLOWED_HOSTS", "skyhook.example"))) {
            String response = rawGet(server.getPort(), "/demo/session", "skyhook.example:" + server.getPort());

            assertThat(response).startsWith("HTTP/1.1 200 ");
            assertThat(body(response))
                    .containsEntry("apiKeysOn", true)
                    .containsEntry("demoTokens", false)
                    .doesNotContainKey("apiKey");
        }
    }

    @Test
    void keysChosenWithApiKeysAreNeverHandedOut() throws Exception {
        try (EmbeddedServer server = start(Map.of("skyhook.env.API_KEYS", "operator-key-0001=basic"))) {
            Map<String, Object> session = new HttpHostClient(server.getURI())
                    .send(HostRequest.get("/demo/session"))
                    .jsonObject();

            assertThat(session).containsEntry("apiKeysOn", true).doesNotContainKey("apiKey");
            assertThat(new String(Json.write(session), StandardCharsets.UTF_8)).doesNotContain("operator-key-0001");
        }
    }

    @Test
    void withKeysOffThePageIsToldSo() throws Exception {
        try (EmbeddedServer server = start(Map.of("skyhook.env.API_KEYS", ""))) {
            Map<String, Object> session = new HttpHostClient(server.getURI())
                    .send(HostRequest.get("/demo/session"))
                    .jsonObject();

            assertThat(session).containsEntry("apiKeysOn", false).doesNotContainKey("apiKey");
        }
    }

    @Test
    void demoPageFalseLeavesTheRootToTheApisNotFound() throws Exception {
        try (EmbeddedServer server = start(Map.of("skyhook.env.DEMO_PAGE", "false"))) {
            HttpHostClient client = new HttpHostClient(server.getURI());

            for (String path : List.of("/", "/demo/session", "/demo/app.js")) {
                HostResponse response = client.send(HostRequest.get(path));
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.jsonObject().get("error")).asString().isEqualTo("No route for GET " + path);
            }
        }
    }

    private EmbeddedServer start(Map<String, Object> properties) {
        Map<String, Object> all =
                new HashMap<>(Map.of("micronaut.server.port", -1, "skyhook.env.DATA_DIR", data.toString()));
        all.putAll(properties);
        return ApplicationContext.run(EmbeddedServer.class, all);
    }

    /** A GET with a Host header of our choosing, which java.net.http does not allow; the whole response. */
    private static String rawGet(int port, String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(String response) {
        return (Map<String, Object>) Json.parse(response.substring(response.indexOf("\r\n\r\n") + 4));
    }
}
