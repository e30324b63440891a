package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With DB_HOST set the server uses MySQL; when nothing answers there, users get the original function's 503. */
class MySqlUnavailableTest {
    @Test
    void unreachableMySqlIs503WithTheOriginalsMessageAndHealthSaysDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, Object> properties = Map.of(
                "micronaut.server.port",
                -1,
                "skyhook.env.DB_HOST",
                "127.0.0.1",
                "skyhook.env.DB_PORT",
                Integer.toString(closedPort),
                "skyhook.env.DB_USER",
                "skyhook",
                "skyhook.env.DB_NAME",
                "skyhook",
                "skyhook.env.DB_MIGRATE",
                "false",
                "skyhook.env.DB_CONNECT_TIMEOUT_MS",
                "500");

        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            HostResponse response = new HttpHostClient(server.getURI()).send(HostRequest.get("/users"));

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.jsonObject()).containsEntry("error", "Could not connect to MySQL database");
            assertThat(response.header("X-Request-Id")).isPresent();

            HostResponse health = new HttpHostClient(server.getURI()).send(HostRequest.get("/health"));
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.jsonObject())
                    .containsEntry("stores", Map.of("users", "DOWN", "rides", "DOWN", "blobs", "UP"));
        }
    }
}
