package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.local.blob.FileSystemBlobStore;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostClient;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.HostileRequest.AcceptanceHost;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared acceptance suite against the real Micronaut server over HTTP, plus what only this host can get wrong. */
class ServerAcceptanceTest extends AcceptanceSuite {
    @TempDir
    static Path dataDirectory;

    @TempDir
    static Path demoDataDirectory;

    private EmbeddedServer server;
    private EmbeddedServer busyFleetServer;
    private EmbeddedServer demoServer;
    private HostClient client;
    private HttpHostClient serverClient;
    private FileSystemBlobStore blobs;

    @BeforeAll
    void startServer() {
        // Unicorns free again at once and the small file quota, as on every acceptance host; a known JWT key, so tests
        // can sign users in.
        server = TestServer.start(
                dataDirectory,
                Map.of(
                        "API_KEYS",
                        API_KEY + "=unlimited",
                        "RIDE_BUSY_SECONDS",
                        "0",
                        "JWT_SECRET",
                        TestJwts.SECRET,
                        "FILES_QUOTA_BYTES",
                        Long.toString(FILE_QUOTA_BYTES),
                        "FILES_QUOTA_COUNT",
                        Integer.toString(FILE_QUOTA_COUNT)));
        // With a JWT key and API keys a server has real users and serves no demo tokens: the catalogue's
        // demo-token rows go to a second server in the demo configuration.
        demoServer = TestServer.start(demoDataDirectory);
        serverClient = new HttpHostClient(server.getURI());
        HttpHostClient demoClient = new HttpHostClient(demoServer.getURI());
        client = request -> (request.target().startsWith("/auth/demo-token") ? demoClient : serverClient).send(request);
        blobs = new FileSystemBlobStore(dataDirectory.resolve("blobs"), URI.create("http://unused"));
    }

    /** A second server on the rides' defaults (busy time and rider limit unset), in a data directory of its own. */
    @Override
    protected HostClient hostWithBusyUnicorns() {
        busyFleetServer = TestServer.start(
                dataDirectory.resolve("busy-fleet"), Map.of("API_KEYS", "", "JWT_SECRET", TestJwts.SECRET));
        return new HttpHostClient(busyFleetServer.getURI());
    }

    @Override
    protected long storedRideCount() throws Exception {
        return count("Rides");
    }

    @Override
    protected long storedUserCount() throws Exception {
        return count("Users");
    }

    private long count(String table) throws Exception {
        try (Connection connection = server.getApplicationContext()
                        .getBean(HikariDataSource.class)
                        .getConnection();
                ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            count.next();
            return count.getLong(1);
        }
    }

    @Override
    protected List<String> healthReportedStores() {
        return List.of("users", "rides", "blobs");
    }

    @Override
    protected AcceptanceHost host() {
        return AcceptanceHost.SERVER;
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "Bearer", "bearer"})
    void theTokenIsAcceptedRawAsTheOriginalClientSendsItOrAsBearer(String style) {
        String token = TestJwts.valid("the_username");
        HostRequest request = HostRequest.json("POST", "/ride", WILD_RYDES_BODY)
                .withHeader("Authorization", style.equals("raw") ? token : style + " " + token);

        assertThat(sendJson(request, 201).jsonObject()).containsEntry("Rider", "the_username");
    }

    @Test
    void servesTheApiDescriptionItsAnswersAreCheckedAgainst() throws Exception {
        HostResponse response = send(HostRequest.get("/openapi.yaml"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("application/yaml; charset=utf-8");
        try (InputStream described = ServerAcceptanceTest.class.getResourceAsStream("/openapi.yaml")) {
            assertThat(response.body()).isEqualTo(described.readAllBytes());
        }
        assertThat(response.text()).startsWith("openapi: 3.1");
    }

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", TestJwts.expired("alice"), "expired"),
                Arguments.of("unsigned (alg none)", TestJwts.unsigned("alice"), "signed"),
                Arguments.of("signed with another key", TestJwts.signedWithAnotherKey("alice"), "signature"),
                Arguments.of("from another issuer", TestJwts.fromAnotherIssuer("alice"), "issued"),
                Arguments.of("without cognito:username", TestJwts.withoutUsername(), "cognito:username"),
                Arguments.of("not a JWT", "eyJraWQiOiJLTzRVMWZs", "signed JWT"),
                Arguments.of("empty Bearer", "Bearer ", "signed JWT"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badTokens")
    void aBadTokenIs401SayingWhyAndStoresNothing(String what, String authorization, String reason) throws Exception {
        long before = storedRideCount();

        HostResponse response = sendJson(
                HostRequest.json("POST", "/ride", WILD_RYDES_BODY).withHeader("Authorization", authorization), 401);

        Map<String, Object> body = response.jsonObject();
        assertThat(body)
                .containsOnlyKeys("Error", "Reference")
                .containsEntry("Reference", response.header("X-Request-Id").orElseThrow());
        assertThat((String) body.get("Error")).contains(reason);
        assertThat(response.header("Access-Control-Allow-Origin")).contains("*");
        assertThat(response.header("WWW-Authenticate")).contains("Bearer");
        assertThat(storedRideCount()).isEqualTo(before);
    }

    @Test
    void demoTokensAreNotServedWhereRealUsersSignIn() throws Exception {
        HostResponse refused =
                serverClient.send(HostRequest.json("POST", "/auth/demo-token", "{\"username\":\"demo rider\"}"));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.jsonObject()).doesNotContainKey("token");
    }

    @AfterAll
    void stopServer() {
        for (EmbeddedServer running : new EmbeddedServer[] {server, demoServer, busyFleetServer}) {
            if (running != null) {
                running.close();
            }
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

        HostResponse response =
                sendJson(new HostRequest("POST", "/users", Map.of("Content-Type", "application/json"), huge), 413);

        assertThat(response.jsonObject()).containsOnlyKeys("error");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSignedUploadWithoutContentLengthIs411AndStoresNothing() throws Exception {
        byte[] png = TestImages.png(4, 4);
        Map<String, Object> data = (Map<String, Object>) sendJson(
                        HostRequest.json(
                                        "POST",
                                        "/uploads",
                                        "{\"path\":\"post\",\"contentType\":\"image/png\",\"size\":" + png.length + "}")
                                .withHeader("x-api-key", API_KEY),
                        200)
                .jsonObject()
                .get("data");
        URI url = URI.create((String) data.get("url"));

        // Chunked, and the body never ends: the length is unknown when the route runs, and it answers without waiting.
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] answer = socket.getInputStream().readNBytes(12);
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 411");
        }
        assertThat(storedKeys("post/")).doesNotContain((String) data.get("key"));
    }

    @Test
    void rootPathIsTheApisToo() throws Exception {
        // The demo page, served by an API route (DEMO_PAGE=false leaves / to the API's 404: DemoPageTest).
        HostResponse response = client.send(HostRequest.get("/"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(response.header("X-Request-Id")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH", "OPTIONS", "DELETE"})
    void everyMethodReachesTheApi(String method) {
        HostResponse response = sendJson(HostRequest.json(method, "/hello", "{}"), 405);

        // The API's refusal (it names the method and allows GET), not Micronaut's.
        assertThat(response.header("Allow")).contains("GET, HEAD");
        assertThat(response.jsonObject().get("error"))
                .asString()
                .isEqualTo("Method " + method + " is not allowed on /hello");
    }

    @Test
    void formBodiesAreNotParsedByMicronaut() {
        HostRequest form = new HostRequest(
                "POST",
                "/users",
                Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "name=Kim&age=31".getBytes(StandardCharsets.UTF_8));

        assertError(form, 415, null);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /hello HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                "GET /users/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GARBAGE\r\n\r\n"
            })
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
