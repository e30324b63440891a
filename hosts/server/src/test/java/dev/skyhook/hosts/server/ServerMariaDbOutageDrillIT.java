package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: the local server on MySQL (a real MariaDB) while the database is stopped and started
 * again. Users and rides answer 503 in their own shapes while it is down; the same server process
 * recovers by itself once it is back.
 */
class ServerMariaDbOutageDrillIT {
    private static final String PICKUP =
            "{\"PickupLocation\":{\"Latitude\":47.6174755835663,\"Longitude\":-122.28837066650185}}";

    @TempDir
    Path data;

    private MariaDbServer database;
    private EmbeddedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void answers503WhileMariaDbIsDownAndRecoversWithoutARestart() throws Exception {
        database = MariaDbServer.startEmbedded();
        MySqlSettings mySql = database.createDatabase("server_outage");
        server = TestServer.start(
                data,
                Map.of(
                        "RIDE_BUSY_SECONDS",
                        "0",
                        "JWT_SECRET",
                        TestJwts.SECRET,
                        "DB_HOST",
                        mySql.host(),
                        "DB_PORT",
                        Integer.toString(mySql.port()),
                        "DB_USER",
                        mySql.user(),
                        "DB_PASS",
                        mySql.password(),
                        "DB_NAME",
                        mySql.database(),
                        "DB_CONNECT_TIMEOUT_MS",
                        "1000"));
        HttpHostClient client = new HttpHostClient(server.getURI());
        HostRequest create = HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":31}");
        assertThat(client.send(create).status()).isEqualTo(201);
        assertThat(client.send(ride()).status()).isEqualTo(201);

        database.stop();
        for (HostRequest request : List.of(HostRequest.get("/users"), HostRequest.get("/users/1"), create)) {
            HostResponse down = client.send(request);
            assertThat(down.status()).as("%s while down", request.target()).isEqualTo(503);
            assertThat(down.jsonObject()).isEqualTo(Map.of("error", "Could not connect to MySQL database"));
        }
        HostResponse rideDown = client.send(ride());
        assertThat(rideDown.status()).isEqualTo(503);
        assertThat(rideDown.jsonObject()).containsOnlyKeys("Error", "Reference");
        HostResponse health = client.send(HostRequest.get("/health"));
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.jsonObject())
                .containsEntry("stores", Map.of("users", "DOWN", "rides", "DOWN", "blobs", "UP"));

        database.start();
        // The pool may still be backing off from the failed attempts: recovery is prompt, not instant.
        assertThat(client.sendUntilNot503(HostRequest.get("/users"), Duration.ofSeconds(15))
                        .status())
                .isEqualTo(200);
        assertThat(client.send(create).status()).isEqualTo(201);
        assertThat(client.send(ride()).status()).isEqualTo(201);
        assertThat(client.send(HostRequest.get("/health")).status()).isEqualTo(200);
        // Only the two successful creates were stored: nothing was half-written while down.
        assertThat((List<?>) client.send(HostRequest.get("/users")).jsonObject().get("users"))
                .hasSize(2);
    }

    private static HostRequest ride() {
        return HostRequest.json("POST", "/ride", PICKUP).asRider("rider");
    }
}
