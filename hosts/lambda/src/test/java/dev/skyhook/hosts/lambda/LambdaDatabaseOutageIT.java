package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.aws.dynamodb.DynamoDbSettings;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import dev.skyhook.hosts.lambda.wiring.LambdaSettings;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The database goes away and comes back while one warm container keeps serving. */
class LambdaDatabaseOutageIT {
    private MariaDbServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWithoutANewContainer() throws Exception {
        server = MariaDbServer.startEmbedded();
        // The catch-all function also serves rides: Lambda always sets a region; no ride is booked here.
        LambdaComponent graph = LambdaComponent.create(new LambdaSettings(Optional.of(server.createDatabase("outage")),
            Optional.of(new DynamoDbSettings("us-east-1", Optional.empty(), "Rides", "RideRequests")), RideSettings.defaults()));
        new MigrationHandler(graph).handleRequest(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new TestContext());
        ApiHandler function = new ApiHandler(graph);
        ApiGatewayClient client = new ApiGatewayClient(Format.REST_V1, path -> function);
        HostRequest create = HostRequest.json("POST", "/users", "{\"name\":\"Kim\",\"age\":31}");
        assertThat(client.send(create).status()).isEqualTo(201);

        server.stop();
        for (HostRequest request : new HostRequest[] {HostRequest.get("/users"), HostRequest.get("/users/1"), create}) {
            HostResponse down = client.send(request);
            assertThat(down.status()).as("%s while down", request.target()).isEqualTo(503);
            assertThat(down.jsonObject()).isEqualTo(Map.of("error", "Could not connect to MySQL database"));
        }
        HostResponse health = client.send(HostRequest.get("/health"));
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.jsonObject()).containsEntry("stores", Map.of("users", "DOWN"));

        server.start();
        // The pool may still be backing off from the failed attempts: recovery is prompt, not instant.
        assertThat(firstSuccessWithin(client, HostRequest.get("/users"), 15_000)).isEqualTo(200);
        assertThat(client.send(create).status()).isEqualTo(201);
        assertThat(client.send(HostRequest.get("/health")).status()).isEqualTo(200);
        // Only the two successful creates were stored: nothing was half-written while down.
        assertThat(client.send(HostRequest.get("/users")).text()).containsOnlyOnce("\"id\":1,").containsOnlyOnce("\"id\":2,")
            .doesNotContain("\"id\":3,");
    }

    private static int firstSuccessWithin(ApiGatewayClient client, HostRequest request, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        HostResponse response = client.send(request);
        while (response.status() == 503 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            response = client.send(request);
        }
        return response.status();
    }
}
