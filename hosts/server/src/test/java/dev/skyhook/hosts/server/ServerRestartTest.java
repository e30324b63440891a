package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerRestartTest {
    @TempDir
    Path dataDirectory;

    @Test
    void usersCreatedOverHttpSurviveARestart() throws Exception {
        Map<String, Object> created;
        HikariDataSource firstPool;
        try (EmbeddedServer server = start()) {
            firstPool = server.getApplicationContext().getBean(HikariDataSource.class);
            HostResponse response = new HttpHostClient(server.getURI())
                    .send(HostRequest.json("POST", "/users", "{\"name\":\"Durable\",\"age\":42}"));
            assertThat(response.status()).isEqualTo(201);
            created = response.jsonObject();
        }
        assertThat(firstPool.isClosed()).as("pool closed on shutdown").isTrue();

        try (EmbeddedServer server = start()) {
            HostResponse response =
                    new HttpHostClient(server.getURI()).send(HostRequest.get("/users/" + created.get("id")));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.jsonObject()).isEqualTo(created);
        }
    }

    private EmbeddedServer start() {
        return TestServer.start(dataDirectory);
    }
}
