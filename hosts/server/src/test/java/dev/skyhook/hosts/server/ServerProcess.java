package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fat jar started as a user starts it, {@code java -jar}, with its output followed line by line. */
final class ServerProcess implements AutoCloseable {
    static final Path JAR = Path.of("target", "skyhook-server.jar");
    private static final Pattern RUNNING =
            Pattern.compile("Startup completed in (\\d+)ms\\. Server Running: (http://\\S+)");

    final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Process process;
    private URI base;
    private long startupMillis;

    private ServerProcess(Process process) {
        this.process = process;
    }

    static ServerProcess start(List<String> jvmOptions, Map<String, String> environment) throws Exception {
        assertThat(JAR).as("the fat jar built by mvn package").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PORT", "-1");
        builder.environment().putAll(environment);
        ServerProcess server = new ServerProcess(builder.start());
        BlockingQueue<String> started = new LinkedBlockingQueue<>();
        follow(server.process.getInputStream(), server.stdout::add);
        follow(server.process.getErrorStream(), line -> {
            server.stderr.add(line);
            if (RUNNING.matcher(line).find()) {
                started.add(line);
            }
        });
        String line = started.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("startup line; stderr so far: %s", server.stderr).isNotNull();
        Matcher running = RUNNING.matcher(line);
        assertThat(running.find()).isTrue();
        server.base = URI.create(running.group(2));
        server.startupMillis = Long.parseLong(running.group(1));
        return server;
    }

    URI base() {
        return base;
    }

    long startupMillis() {
        return startupMillis;
    }

    /** The most resident memory the process has used so far (Linux {@code VmHWM}), in KiB. */
    long peakResidentKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /**
     * Ends the server as the kernel's OOM killer or {@code kill -9} would: {@code destroyForcibly} is
     * SIGKILL on Linux, so no shutdown hook, finally block or flush runs. Returns the exit status,
     * which is 128 + the signal's number (137 for SIGKILL, 143 for SIGTERM).
     */
    int killAbruptly() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the server ended").isTrue();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    private static void follow(InputStream stream, Consumer<String> lines) {
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        in.lines().forEach(lines);
                    } catch (IOException | UncheckedIOException e) {
                        // the process ended
                    }
                },
                "server-output");
        reader.setDaemon(true);
        reader.start();
    }
}
