package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fault drill: MariaDB goes away and comes back while one warm container keeps serving users. */
class LambdaMariaDbOutageDrillIT {
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
        ApiHandler function = new ApiHandler(
                TestDeployment.on(server.createDatabase("outage")).graph());
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
        assertThat(client.sendUntilNot503(HostRequest.get("/users"), Duration.ofSeconds(15))
                        .status())
                .isEqualTo(200);
        assertThat(client.send(create).status()).isEqualTo(201);
        assertThat(client.send(HostRequest.get("/health")).status()).isEqualTo(200);
        // Only the two successful creates were stored: nothing was half-written while down.
        assertThat(client.send(HostRequest.get("/users")).text())
                .containsOnlyOnce("\"id\":1,")
                .containsOnlyOnce("\"id\":2,")
                .doesNotContain("\"id\":3,");
    }
}
