package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostClient;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.adapters.local.blob.FileSystemBlobStore;
import dev.skyhook.core.model.BlobKey;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared acceptance suite against the real Micronaut server over HTTP, plus what only this host can get wrong. */
class ServerAcceptanceTest extends AcceptanceSuite {
    @TempDir
    static Path dataDirectory;

    private EmbeddedServer server;
    private HostClient client;
    private FileSystemBlobStore blobs;

    @BeforeAll
    void startServer() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
            "skyhook.data-dir", dataDirectory.toString(), "skyhook.api-keys", API_KEY + "=unlimited"));
        client = new HttpHostClient(server.getURI());
        blobs = new FileSystemBlobStore(dataDirectory.resolve("blobs"), URI.create("http://unused"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected HostClient client() {
        return client;
    }

    @Override
    protected List<String> storedKeys(String prefix) {
        return blobs.list(prefix).stream().map(BlobKey::value).toList();
    }

    @Test
    void bodyOverMicronautsLimitIs413InTheApisShape() {
        byte[] huge = new byte[32 * 1024 * 1024 + 1];
        Arrays.fill(huge, (byte) 'a');

        HostResponse response = sendJson(new HostRequest("POST", "/users", Map.of("Content-Type", "application/json"), huge), 413);

        assertThat(response.jsonObject()).containsOnlyKeys("error");
    }

    @Test
    void rootPathIsTheApisToo() {
        HostResponse response = sendJson(HostRequest.get("/"), 404);

        assertThat(response.jsonObject().get("error")).asString().contains("GET /");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH", "OPTIONS", "DELETE"})
    void everyMethodReachesTheApi(String method) {
        HostResponse response = sendJson(HostRequest.json(method, "/hello", "{}"), 405);

        // The API's refusal (it names the method and allows GET), not Micronaut's.
        assertThat(response.header("Allow")).contains("GET, HEAD");
        assertThat(response.jsonObject().get("error")).asString().isEqualTo("Method " + method + " is not allowed on /hello");
    }

    @Test
    void formBodiesAreNotParsedByMicronaut() {
        HostRequest form = new HostRequest("POST", "/users", Map.of("Content-Type", "application/x-www-form-urlencoded"),
            "name=Kim&age=31".getBytes(StandardCharsets.UTF_8));

        assertError(form, 415, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /hello HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
        "GET /users/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "GARBAGE\r\n\r\n"})
    void malformedRequestsAre400InTheApisShape(String raw) throws Exception {
        String response = sendRaw(raw);

        assertThat(response).startsWith("HTTP/1.").contains(" 400 ");
        assertThat(response.toLowerCase()).contains("x-request-id: ").contains("content-type: application/json");
        assertThat(response).endsWith("}").contains("{\"error\":");
    }

    /** What a client that does not speak HTTP properly sends, as bytes on a socket. */
    private String sendRaw(String request) throws Exception {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
