package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.hosts.api.json.Json;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar as a user starts it: {@code java -jar}, configured by environment variables only. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerJarIT {
    private static final Path JAR = Path.of("target", "skyhook-server.jar");
    private static final Pattern RUNNING = Pattern.compile("Startup completed in (\\d+)ms\\. Server Running: (http://\\S+)");

    @TempDir
    static Path dataDirectory;

    private Process server;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private URI base;

    @BeforeAll
    void start() throws Exception {
        assertThat(JAR).as("the fat jar built by mvn package").exists();
        ProcessBuilder builder = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
        builder.environment().put("PORT", "-1");
        builder.environment().put("DATA_DIR", dataDirectory.toString());
        server = builder.start();
        follow(server.getInputStream(), stdout::add);
        BlockingQueue<String> started = new LinkedBlockingQueue<>();
        follow(server.getErrorStream(), line -> {
            stderr.add(line);
            if (RUNNING.matcher(line).find()) {
                started.add(line);
            }
        });
        String line = started.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("startup line; stderr so far: %s", stderr).isNotNull();
        Matcher running = RUNNING.matcher(line);
        assertThat(running.find()).isTrue();
        base = URI.create(running.group(2));
        System.out.println("skyhook-server.jar (" + Files.size(JAR) / 1024 + " KiB) started in " + running.group(1) + " ms");
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void writesOneAccessLogLinePerRequestOnStdout() throws Exception {
        HostResponse response = new HttpHostClient(base).send(HostRequest.get("/hello"));
        assertThat(response.status()).isEqualTo(200);

        String line = stdout.poll(10, TimeUnit.SECONDS);
        assertThat(line).as("access-log line").isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) Json.parse(line);
        assertThat(entry).containsOnlyKeys("requestId", "ip", "caller", "user", "requestTime", "httpMethod",
            "resourcePath", "status", "protocol", "responseLength", "latencyMs");
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
        assertThat((String) entry.get("requestTime")).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(entry.get("latencyMs")).isInstanceOf(Number.class);
        assertThat(stdout).as("nothing else on stdout").isEmpty();
    }

    @Test
    void startsQuietly() {
        assertThat(stderr).as("warnings or errors at start").noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
    }

    private static void follow(InputStream stream, Consumer<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                in.lines().forEach(lines);
            } catch (IOException | UncheckedIOException e) {
                // the process ended
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
    }
}
