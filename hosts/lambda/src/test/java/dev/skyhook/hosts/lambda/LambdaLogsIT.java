package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.lambda.logging.LogLines;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * What the functions write to CloudWatch Logs, read back: every line is JSON and carries the
 * invocation's request id, and no line, at any level, holds the database password or an API key,
 * whether the request succeeds, is refused, finds the database down or gets its password refused.
 */
class LambdaLogsIT {
    private static final String DB_PASSWORD = "Db-Pass-7f3c9e1a-never-logged";
    private static final String WRONG_DB_PASSWORD = "Wrong-Pass-5b2d8c4e-never-logged";
    private static final String API_KEY = "ApiKey-0a9b8c7d6e5f-never-logged";
    private static final String OTHER_API_KEY = "ApiKey-bad-1f2e3d4c-never-logged";

    private static MariaDbServer server;
    private static MySqlSettings database;

    /** A server of its own that checks passwords, with a database user whose password is a real one. */
    @BeforeAll
    static void startAServerThatChecksPasswords() {
        server = MariaDbServer.startEmbedded();
        MySqlSettings owner = server.createDatabaseWithCheckedPassword("logs", "app", DB_PASSWORD);
        database = new MySqlSettings(
                owner.host(), owner.port(), owner.user(), owner.password(), owner.database(), Duration.ofSeconds(1), 2);
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @AfterEach
    void quietAgain() {
        LogLines.useLevel(Level.WARN);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static UsersHandler usersOn(MySqlSettings database) {
        return new UsersHandler(LambdaComponent.create(
                Settings.defaults().toBuilder().mySql(database).build()));
    }

    /** The requests: successes, refusals, a bad key, a route that does not exist, a bad event, a database down or refusing the password. */
    private record Sent(String requestId, List<String> lines) {}

    private static List<Sent> sendTheSet(CapturedOutput output, MySqlSettings database) throws Exception {
        // The function checks this key itself (as behind an HTTP API), so the key passes through its code too.
        TestDeployment deployment = TestDeployment.on(database, new RideSettings(Duration.ZERO), API_KEY);
        ApiHandler api = new ApiHandler(deployment.graph());
        ApiGatewayClient client = new ApiGatewayClient(Format.REST_V1, path -> api);
        MySqlSettings down = new MySqlSettings(
                "127.0.0.1",
                closedPort(),
                database.user(),
                DB_PASSWORD,
                database.database(),
                Duration.ofMillis(500),
                2);
        MySqlSettings refused = new MySqlSettings(
                database.host(),
                database.port(),
                database.user(),
                WRONG_DB_PASSWORD,
                database.database(),
                Duration.ofSeconds(1),
                2);
        // Built first, as at init: init's lines (the pool starting) belong to no request.
        UsersHandler usersWhileDown = usersOn(down);
        UsersHandler usersWithTheWrongPassword = usersOn(refused);
        ApiGatewayClient whileDown = new ApiGatewayClient(Format.REST_V1, path -> usersWhileDown);
        ApiGatewayClient passwordRefused = new ApiGatewayClient(Format.HTTP_V2, path -> usersWithTheWrongPassword);

        List<HostRequest> requests = List.of(
                HostRequest.get("/hello").withHeader("x-api-key", API_KEY),
                HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":31}")
                        .withHeader("x-api-key", API_KEY),
                HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":\"" + OTHER_API_KEY + "\"}"),
                HostRequest.get("/users/999999").withHeader("x-api-key", OTHER_API_KEY),
                HostRequest.json("POST", "/ride", "{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":-122.3}}")
                        .asRider("alice")
                        .withHeader("Authorization", API_KEY),
                new MultipartBody()
                        .file("file", "cat.jpg", "image/jpeg", TestImages.jpeg(40, 30))
                        .post("/images/post")
                        .withHeader("x-api-key", API_KEY),
                new MultipartBody()
                        .file("file", "notes.txt", "text/plain", API_KEY.getBytes(StandardCharsets.UTF_8))
                        .post("/images/post")
                        .withHeader("x-api-key", OTHER_API_KEY),
                HostRequest.get("/no/such/route?key=" + API_KEY));
        List<Sent> sent = new ArrayList<>();
        for (HostRequest request : requests) {
            CapturedOutput.Mark mark = output.mark();
            HostResponse response = client.send(request);
            sent.add(new Sent(response.header("X-Request-Id").orElseThrow(), output.linesSince(mark)));
        }
        for (ApiGatewayClient failing : List.of(whileDown, passwordRefused)) {
            CapturedOutput.Mark mark = output.mark();
            HostResponse response = failing.send(HostRequest.get("/users").withHeader("x-api-key", API_KEY));
            assertThat(response.status()).isEqualTo(503);
            sent.add(new Sent(response.header("X-Request-Id").orElseThrow(), output.linesSince(mark)));
        }
        // An event the function cannot read fails the invocation: Lambda reports it, the log says which request.
        CapturedOutput.Mark mark = output.mark();
        TestContext context = new TestContext();
        String badEvent = "{\"headers\":{\"x-api-key\":\"" + API_KEY
                + "\"},\"requestContext\":{\"identity\":{\"apiKey\":\"" + API_KEY
                + "\"}},\"body\":\"not*base64!\",\"isBase64Encoded\":true,\"httpMethod\":\"POST\",\"path\":\"/images/post\"}";
        assertThatThrownBy(() -> api.handleRequest(
                        new ByteArrayInputStream(badEvent.getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(),
                        context))
                .isInstanceOf(RuntimeException.class);
        sent.add(new Sent(context.getAwsRequestId(), output.linesSince(mark)));
        return sent;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyLineAnInvocationWritesIsJsonWithItsRequestId() throws Exception {
        LogLines.useLevel(Level.INFO);
        List<Sent> sent;
        try (CapturedOutput output = new CapturedOutput()) {
            sent = sendTheSet(output, database);
        }

        for (Sent request : sent) {
            assertThat(request.lines()).as("lines of %s", request.requestId()).isNotEmpty();
            for (String line : request.lines()) {
                assertThat(Json.parse(line)).as(line).isInstanceOf(Map.class);
                assertThat((Map<String, Object>) Json.parse(line))
                        .as(line)
                        .containsEntry("requestId", request.requestId());
            }
        }
        // The failures were logged, not only answered: a warning for each store error, an error for the bad event.
        assertThat(sent.get(sent.size() - 3).lines()).anyMatch(line -> line.contains("\"level\":\"WARN\""));
        assertThat(sent.get(sent.size() - 2).lines()).anyMatch(line -> line.contains("\"level\":\"WARN\""));
        assertThat(sent.get(sent.size() - 1).lines())
                .anyMatch(line -> line.contains("\"level\":\"ERROR\"")
                        && line.contains("Invocation failed")
                        && line.contains("\"error\":"));
    }

    @Test
    void neitherTheDatabasePasswordNorAnApiKeyAppearsInAnyLogLineEvenAtTrace() throws Exception {
        LogLines.useLevel(Level.TRACE);
        String everything;
        try (CapturedOutput output = new CapturedOutput()) {
            List<Sent> sent = sendTheSet(output, database);
            assertThat(sent).hasSize(11);
            everything = output.text();
        }

        // The run did log (debug lines from the pool and the SDK among them), just never a secret.
        assertThat(everything).contains("\"level\":\"DEBUG\"").contains("\"level\":\"WARN\"");
        for (String secret : List.of(DB_PASSWORD, WRONG_DB_PASSWORD, API_KEY, OTHER_API_KEY)) {
            assertThat(everything).doesNotContain(secret);
        }
    }
}
