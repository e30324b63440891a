package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.skyhook.hosts.json.Json;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients against the real server over real sockets: a body that trickles in is cut off and
 * leaves nothing behind, and uploads beyond the bound are refused at once without holding a thread
 * or a descriptor each.
 */
class SlowClientsTest {
    private static final String BOUNDARY = "SlowClientsBoundary";
    private static final int BODY_TIMEOUT_SECONDS = 2;

    @TempDir
    Path data;

    @Test
    void aMultipartFileSentAByteASecondIsCutOffAndNothingIsStored() throws Exception {
        try (EmbeddedServer server = start(Map.of())) {
            byte[] preamble = filePartPreamble("slow.txt");
            long cutOffAfter =
                    trickle(server, "POST /files", "multipart/form-data; boundary=" + BOUNDARY, preamble, 100_000);

            assertThat(Duration.ofMillis(cutOffAfter))
                    .isBetween(Duration.ofSeconds(BODY_TIMEOUT_SECONDS), Duration.ofSeconds(2 * BODY_TIMEOUT_SECONDS));
            assertNothingStored();
        }
    }

    @Test
    void aSignedUploadSentAByteASecondIsCutOffAndNothingIsStored() throws Exception {
        try (EmbeddedServer server = start(Map.of())) {
            URI signed = signedUploadUrl(server, 100_000);

            long cutOffAfter = trickle(
                    server,
                    "PUT " + signed.getRawPath() + "?" + signed.getRawQuery(),
                    "image/jpeg",
                    new byte[0],
                    100_000);

            assertThat(Duration.ofMillis(cutOffAfter))
                    .isBetween(Duration.ofSeconds(BODY_TIMEOUT_SECONDS), Duration.ofSeconds(2 * BODY_TIMEOUT_SECONDS));
            assertNothingStored();
        }
    }

    @Test
    void aSlowButSteadyBodyMayTakeLongerThanTheTimeout() throws Exception {
        try (EmbeddedServer server = start(Map.of());
                Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(30_000);
            byte[] preamble = filePartPreamble("steady.txt");
            byte[] epilogue = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            int fileBytes = 3_000 * 2 * BODY_TIMEOUT_SECONDS; // 3,000 bytes a second, three times the minimum rate
            OutputStream out = socket.getOutputStream();
            out.write(head(
                    "POST /files",
                    "multipart/form-data; boundary=" + BOUNDARY,
                    preamble.length + fileBytes + epilogue.length));
            out.write(preamble);
            long started = System.nanoTime();
            for (int sent = 0; sent < fileBytes; sent += 300) {
                Thread.sleep(100);
                out.write(new byte[300]);
                out.flush();
            }
            out.write(epilogue);
            out.flush();

            String response = readResponse(socket.getInputStream());

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isGreaterThan(Duration.ofSeconds(BODY_TIMEOUT_SECONDS));
            assertThat(response).startsWith("HTTP/1.1 200").contains("File uploaded!");
        }
    }

    @Test
    void uploadsBeyondTheBoundGet503AtOnceWithoutTheirBodiesBeingReadOrAThreadOrDescriptorEach() throws Exception {
        int slots = 2;
        int beyond = 60;
        try (EmbeddedServer server =
                start(Map.of("skyhook.env.MAX_CONCURRENT_UPLOADS", slots, "skyhook.env.BODY_TIMEOUT_SECONDS", 60))) {
            URI signed = signedUploadUrl(server, 100_000);
            List<Socket> held = new ArrayList<>();
            List<Socket> refused = new ArrayList<>();
            try {
                // Two slow uploads take both slots: each is in the route, its file part spooling to disk.
                for (int i = 0; i < slots; i++) {
                    Socket socket = new Socket("127.0.0.1", server.getPort());
                    byte[] preamble = filePartPreamble("held-" + i + ".txt");
                    socket.getOutputStream()
                            .write(head(
                                    "POST /files",
                                    "multipart/form-data; boundary=" + BOUNDARY,
                                    preamble.length + 100_000));
                    socket.getOutputStream().write(preamble);
                    socket.getOutputStream().write('x');
                    socket.getOutputStream().flush();
                    held.add(socket);
                }
                awaitFiles(data.resolve("spool"), slots);
                int threadsWhileHeld = liveThreads();
                long descriptorsWhileHeld = openDescriptors();

                // Many more, on every upload route, all open at once; none sends a byte of its body.
                String[][] routes = {
                    {"POST /files", "multipart/form-data; boundary=" + BOUNDARY, "\"error\""},
                    {"POST /images/post", "multipart/form-data; boundary=" + BOUNDARY, "\"statusCode\":503"},
                    {"PUT " + signed.getRawPath() + "?" + signed.getRawQuery(), "image/jpeg", "\"statusCode\":503"}
                };
                for (int i = 0; i < beyond; i++) {
                    Socket socket = new Socket("127.0.0.1", server.getPort());
                    socket.setSoTimeout(10_000);
                    String[] route = routes[i % routes.length];
                    socket.getOutputStream().write(head(route[0], route[1], 100_000));
                    socket.getOutputStream().flush();
                    refused.add(socket);
                }
                for (int i = 0; i < beyond; i++) {
                    String response = readResponse(refused.get(i).getInputStream());
                    assertThat(response)
                            .as(routes[i % routes.length][0])
                            .startsWith("HTTP/1.1 503")
                            .containsIgnoringCase("Retry-After: 1")
                            .contains(routes[i % routes.length][2]);
                    assertThat(refused.get(i).getInputStream().read())
                            .as("the server closed the connection")
                            .isEqualTo(-1);
                }

                // A thread that has just answered a refusal may still be leaving the controller.
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (threadsInRoutes() > slots && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(threadsInRoutes()).as("threads handling a request").isEqualTo(slots);
                // A few threads may start to answer the burst; one per refused upload would be 60.
                assertThat(liveThreads()).isLessThanOrEqualTo(threadsWhileHeld + 10);
                // The test's own ends of the refused connections stay open; the server's ends are closed.
                assertThat(openDescriptors()).isLessThanOrEqualTo(descriptorsWhileHeld + beyond + 10);
            } finally {
                for (Socket socket :
                        Stream.concat(held.stream(), refused.stream()).toList()) {
                    socket.close();
                }
            }

            // The held uploads ended (their clients left): their slots are free again.
            awaitFiles(data.resolve("spool"), 0);
            try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
                socket.setSoTimeout(10_000);
                byte[] body = multipart("after.txt", "done");
                socket.getOutputStream()
                        .write(head("POST /files", "multipart/form-data; boundary=" + BOUNDARY, body.length));
                socket.getOutputStream().write(body);
                assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
            }
        }
    }

    private static final String USER_TOKEN = TestJwts.valid("slow-client");

    private EmbeddedServer start(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "micronaut.server.port",
                -1,
                "skyhook.env.DATA_DIR",
                data.toString(),
                "skyhook.env.API_KEYS",
                "",
                "skyhook.env.JWT_SECRET",
                TestJwts.SECRET,
                "skyhook.env.BODY_TIMEOUT_SECONDS",
                BODY_TIMEOUT_SECONDS,
                "skyhook.env.BODY_MIN_BYTES_PER_SECOND",
                1000));
        properties.putAll(overrides);
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    /**
     * Sends the head and {@code prefix}, then one body byte a second, until the server closes the
     * connection; returns how long that took, in milliseconds.
     */
    private static long trickle(
            EmbeddedServer server, String requestLine, String contentType, byte[] prefix, int bodyLength)
            throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(100);
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write(head(requestLine, contentType, prefix.length + bodyLength));
            out.write(prefix);
            out.flush();
            long deadline =
                    started + Duration.ofSeconds(10 * BODY_TIMEOUT_SECONDS).toNanos();
            long nextByte = started;
            while (System.nanoTime() < deadline) {
                if (System.nanoTime() >= nextByte) {
                    try {
                        out.write('x');
                        out.flush();
                    } catch (SocketException closed) {
                        return (System.nanoTime() - started) / 1_000_000;
                    }
                    nextByte += 1_000_000_000L;
                }
                try {
                    if (socket.getInputStream().read() < 0) {
                        return (System.nanoTime() - started) / 1_000_000;
                    }
                    throw new AssertionError("the server answered a body it has not received");
                } catch (SocketTimeoutException stillOpen) {
                    // keep trickling
                } catch (SocketException reset) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            }
            throw new AssertionError("the connection was still open after " + 10 * BODY_TIMEOUT_SECONDS + " s");
        }
    }

    private static URI signedUploadUrl(EmbeddedServer server, long size) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.setSoTimeout(10_000);
            byte[] body = ("{\"path\":\"post\",\"contentType\":\"image/jpeg\",\"size\":" + size + "}")
                    .getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(head("POST /uploads", "application/json", body.length));
            socket.getOutputStream().write(body);
            String response = readResponse(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 200");
            @SuppressWarnings("unchecked")
            Map<String, Object> answer =
                    (Map<String, Object>) Json.parse(response.substring(response.indexOf("\r\n\r\n") + 4));
            @SuppressWarnings("unchecked")
            Map<String, Object> signed = (Map<String, Object>) answer.get("data");
            return URI.create((String) signed.get("url"));
        }
    }

    private static byte[] head(String requestLine, String contentType, long contentLength) {
        // Files belong to a signed-in user; the other routes ignore the header.
        return (requestLine + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + USER_TOKEN + "\r\nContent-Type: "
                        + contentType + "\r\nContent-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The form up to the first byte of the file's content. */
    private static byte[] filePartPreamble(String name) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"filename\"\r\n\r\n" + name + "\r\n"
                        + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\n"
                        + "Content-Type: text/plain\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] multipart(String name, String content) {
        return (new String(filePartPreamble(name), StandardCharsets.US_ASCII) + content + "\r\n--" + BOUNDARY
                        + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Status line, headers and a body of {@code Content-Length} bytes. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException(
                        "connection closed before a response: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = Arrays.stream(text.split("\r\n"))
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToInt(line ->
                        Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst()
                .orElse(0);
        return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** The route cleans up once its read fails, just after the connection closes. */
    private void assertNothingStored() throws Exception {
        awaitFiles(data.resolve("blobs"), 0);
        awaitFiles(data.resolve("spool"), 0);
    }

    private static void awaitFiles(Path directory, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (regularFiles(directory).size() != count) {
            assertThat(System.nanoTime())
                    .as("%d files in %s, not %s", count, directory, regularFiles(directory))
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        while (true) {
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(Files::isRegularFile).toList();
            } catch (UncheckedIOException deletedWhileWalking) {
                // The server removed a file between listing and looking at it: look again.
            }
        }
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /**
     * Threads inside the server's controller, that is, handling a request right now. On Java 21+
     * Micronaut's blocking executor runs requests on virtual threads, which only a thread dump lists.
     */
    private static long threadsInRoutes() throws IOException {
        Path dump = Files.createTempDirectory("threads").resolve("dump.txt");
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            // Each thread's section starts with a line "#<id> ..."; count the sections that pass through the
            // controller.
            return Arrays.stream(Files.readString(dump).split("\n(?=#\\d)"))
                    .filter(section -> section.contains(ApiController.class.getName()))
                    .count();
        } finally {
            Files.deleteIfExists(dump);
            Files.deleteIfExists(dump.getParent());
        }
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }
}
