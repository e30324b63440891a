package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server jar's whole output (stdout and stderr, as a user or a log shipper sees it) holds
 * neither the database password nor a configured API key, through successes, refused keys and a
 * database outage.
 */
class ServerLogSecretsIT {
    private static final String DB_PASSWORD = "Server-Db-Pass-3e8a1c7f-never-logged";
    private static final String API_KEY = "ServerApiKey-9d4b2e6a-never-logged";
    private static final String OTHER_API_KEY = "ServerApiKey-5c1f8b3d-never-logged";
    private static final String WRONG_API_KEY = "ServerApiKey-wrong-7a2e4c9b-never-logged";

    @TempDir
    Path data;

    private MariaDbServer database;

    @AfterEach
    void stop() {
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void neitherTheDatabasePasswordNorAnApiKeyAppearsInTheServersOutput() throws Exception {
        database = MariaDbServer.startEmbedded();
        MySqlSettings mySql = database.createDatabaseWithCheckedPassword("server_secrets", "app", DB_PASSWORD);
        List<String> output = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(
                List.of(),
                Map.of(
                        "DATA_DIR",
                        data.toString(),
                        "API_KEYS",
                        API_KEY + "=basic," + OTHER_API_KEY + "=0.001:1:1",
                        "DB_HOST",
                        mySql.host(),
                        "DB_PORT",
                        Integer.toString(mySql.port()),
                        "DB_USER",
                        mySql.user(),
                        "DB_PASS",
                        DB_PASSWORD,
                        "DB_NAME",
                        mySql.database(),
                        "DB_CONNECT_TIMEOUT_MS",
                        "1000"))) {
            HttpHostClient client = new HttpHostClient(server.base());
            MultipartBody image = new MultipartBody().file("file", "a.png", "image/png", TestImages.png(4, 4));

            assertThat(client.send(HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":31}")
                                    .withHeader("x-api-key", API_KEY))
                            .status())
                    .isEqualTo(201);
            assertThat(client.send(image.post("/images/post").withHeader("x-api-key", API_KEY))
                            .status())
                    .isEqualTo(200);
            assertThat(client.send(image.post("/images/post").withHeader("x-api-key", WRONG_API_KEY))
                            .status())
                    .isEqualTo(403);
            assertThat(client.send(image.post("/images/post").withHeader("x-api-key", OTHER_API_KEY))
                            .status())
                    .isEqualTo(200);
            assertThat(client.send(image.post("/images/post").withHeader("x-api-key", OTHER_API_KEY))
                            .status())
                    .isEqualTo(429);
            assertThat(client.send(new MultipartBody()
                                    .file("file", "key.txt", "text/plain", API_KEY.getBytes(StandardCharsets.UTF_8))
                                    .post("/images/post")
                                    .withHeader("x-api-key", API_KEY))
                            .status())
                    .isEqualTo(415);
            assertThat(client.send(HostRequest.get("/no/such/route?key=" + API_KEY))
                            .status())
                    .isEqualTo(404);

            database.stop();
            assertThat(client.send(HostRequest.get("/users").withHeader("x-api-key", API_KEY))
                            .status())
                    .isEqualTo(503);
            assertThat(client.send(HostRequest.get("/health")).status()).isEqualTo(503);

            // The access-log line of the last request is the last thing written for it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.stdout.stream().noneMatch(line -> line.contains("\"resourcePath\":\"/health\""))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            output.addAll(server.stdout);
            output.addAll(server.stderr);
        }

        String everything = String.join("\n", output);
        assertThat(everything).as("the output ran").contains("\"status\":503").contains("\"status\":403");
        for (String secret : List.of(DB_PASSWORD, API_KEY, OTHER_API_KEY, WRONG_API_KEY)) {
            assertThat(everything).doesNotContain(secret);
        }
    }
}
