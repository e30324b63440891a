package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar as a user starts it: {@code java -jar}, configured by environment variables only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerJarIT {
    @TempDir
    static Path dataDirectory;

    private ServerProcess server;

    @BeforeAll
    void start() throws Exception {
        server = ServerProcess.start(List.of(), Map.of("DATA_DIR", dataDirectory.toString()));
        System.out.println("skyhook-server.jar (" + Files.size(ServerProcess.JAR) / 1024 + " KiB) started in "
                + server.startupMillis() + " ms");
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void writesOneAccessLogLinePerRequestOnStdout() throws Exception {
        HostResponse response = new HttpHostClient(server.base()).send(HostRequest.get("/hello"));
        assertThat(response.status()).isEqualTo(200);

        String line = server.stdout.poll(10, TimeUnit.SECONDS);
        assertThat(line).as("access-log line").isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) Json.parse(line);
        assertThat(entry)
                .containsOnlyKeys(
                        "requestId",
                        "ip",
                        "caller",
                        "user",
                        "requestTime",
                        "httpMethod",
                        "resourcePath",
                        "status",
                        "protocol",
                        "responseLength",
                        "latencyMs");
        assertThat(entry)
                .containsEntry("requestId", response.header("X-Request-Id").orElseThrow())
                .containsEntry("caller", "-")
                .containsEntry("user", "-")
                .containsEntry("httpMethod", "GET")
                .containsEntry("resourcePath", "/hello")
                .containsEntry("status", 200)
                .containsEntry("protocol", "HTTP/1.1")
                .containsEntry("responseLength", response.body().length);
        assertThat((String) entry.get("ip")).matches("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");
        assertThat((String) entry.get("requestTime"))
                .matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(entry.get("latencyMs")).isInstanceOf(Number.class);
        assertThat(server.stdout).as("nothing else on stdout").isEmpty();
    }

    @Test
    void startsQuietly() {
        // Logback's levels, and the JVM's own warnings (native access, Unsafe, agents) on JDK 25.
        assertThat(server.stderr)
                .as("warnings or errors at start")
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("WARNING:"));
    }
}
