package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: the server jar is killed with SIGKILL while a large file and a batch of images are
 * half-way up. After a restart on the same data directory nothing of either is visible, through the
 * API or on disk, and what was stored before is intact.
 */
class ServerKillDrillIT {
    private static final String BOUNDARY = "----SkyhookKillDrill";
    /** Whose files they are. */
    private static final String OWNER = "survivor";

    private static final long DECLARED_FILE_BYTES = 512L * 1024 * 1024;
    /** How much of the large file must be spooled before the kill, to be sure it is mid-upload. */
    private static final long SPOOLED_BEFORE_KILL = 16L * 1024 * 1024;

    @TempDir
    Path data;

    @Test
    void aServerKilledMidUploadRestartsWithNoPartialFileAndEverythingElseIntact() throws Exception {
        Map<String, String> environment =
                Map.of("DATA_DIR", data.toString(), "API_KEYS", "", "JWT_SECRET", TestJwts.SECRET);
        byte[] keptFile = "kept before the crash\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] keptImage = TestImages.png(5, 4);
        Map<String, Object> user;
        String imageUrl;
        List<Path> filesBefore;

        try (ServerProcess server = ServerProcess.start(List.of(), environment)) {
            HttpHostClient client = new HttpHostClient(server.base());
            HostResponse created =
                    client.send(HostRequest.json("POST", "/users", "{\"name\":\"Survivor\",\"age\":40}"));
            assertThat(created.status()).isEqualTo(201);
            user = created.jsonObject();
            assertThat(client.send(new MultipartBody()
                                    .field("filename", "kept.txt")
                                    .file("file", "kept.txt", "text/plain", keptFile)
                                    .post("/files")
                                    .asUser(OWNER))
                            .status())
                    .isEqualTo(200);
            HostResponse image = client.send(new MultipartBody()
                    .file("file", "kept.png", "image/png", keptImage)
                    .post("/images/post"));
            assertThat(image.status()).as("%s", image).isEqualTo(200);
            imageUrl = ((List<?>) image.jsonObject().get("data")).get(0).toString();
            filesBefore = regularFiles(data.resolve("blobs"));

            Thread largeFile = streamForever(
                    server.base(),
                    "/files",
                    multipartHead("big.bin", "application/octet-stream", true),
                    DECLARED_FILE_BYTES);
            Thread images = streamForever(
                    server.base(), "/images/post", multipartHead("second.png", "image/png", false), 30L * 1024 * 1024);
            waitUntilSpooled(data.resolve("spool"), SPOOLED_BEFORE_KILL);

            assertThat(server.killAbruptly())
                    .as("exit status of a SIGKILLed process (128 + 9)")
                    .isEqualTo(137);
            largeFile.join(10_000);
            images.join(10_000);
        }
        assertThat(spooled(data.resolve("spool")))
                .as("the cut-off upload is still on disk before the restart")
                .isNotEmpty();

        try (ServerProcess server = ServerProcess.start(List.of(), environment)) {
            HttpHostClient client = new HttpHostClient(server.base());

            HostResponse partial =
                    client.send(HostRequest.get("/files?filename=big.bin").asUser(OWNER));
            assertThat(partial.status()).as("%s", partial).isEqualTo(404);
            assertThat(spooled(data.resolve("spool")))
                    .as("spool emptied at start")
                    .isEmpty();
            assertThat(regularFiles(data.resolve("blobs")))
                    .as("blob directory as before the crash: no partial object, tmp/ empty")
                    .containsExactlyInAnyOrderElementsOf(filesBefore);

            assertThat(client.send(HostRequest.get("/users/" + user.get("id"))).jsonObject())
                    .isEqualTo(user);
            HostResponse users = client.send(HostRequest.get("/users"));
            assertThat(((List<?>) users.jsonObject().get("users"))).hasSize(1);
            String keptUrl = (String)
                    client.send(HostRequest.get("/files?filename=kept.txt").asUser(OWNER))
                            .jsonObject()
                            .get("url");
            assertThat(client.send(HostRequest.get(pathAndQuery(keptUrl))).body())
                    .isEqualTo(keptFile);
            assertThat(client.send(HostRequest.get(pathAndQuery(imageUrl))).body())
                    .isEqualTo(keptImage);
            // The database is writable after the crash, and ids carry on.
            HostResponse next = client.send(HostRequest.json("POST", "/users", "{\"name\":\"After\",\"age\":41}"));
            assertThat(next.status()).isEqualTo(201);
            assertThat(((Number) next.jsonObject().get("id")).longValue())
                    .isGreaterThan(((Number) user.get("id")).longValue());
        }
    }

    private static String multipartHead(String filename, String type, boolean withFilenameField) {
        String field = withFilenameField
                ? "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"filename\"\r\n\r\n" + filename + "\r\n"
                : "";
        return field + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\n" + "Content-Type: " + type + "\r\n\r\n";
    }

    /**
     * Sends a request that declares {@code declared} body bytes and writes them until the connection
     * breaks (the server dies first): a client in the middle of a large upload.
     */
    private static Thread streamForever(URI base, String path, String head, long declared) {
        Thread writer = new Thread(
                () -> {
                    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                        OutputStream out = socket.getOutputStream();
                        out.write(
                                ("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                                                + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                                                + "Authorization: " + TestJwts.valid(OWNER) + "\r\n"
                                                + "Content-Length: " + declared + "\r\n\r\n" + head)
                                        .getBytes(StandardCharsets.UTF_8));
                        byte[] chunk = new byte[64 * 1024];
                        Arrays.fill(chunk, (byte) 'x');
                        long sent = head.length();
                        while (sent + chunk.length < declared) {
                            out.write(chunk);
                            sent += chunk.length;
                        }
                    } catch (IOException e) {
                        // The server was killed under it: expected.
                    }
                },
                "upload-" + path);
        writer.setDaemon(true);
        writer.start();
        return writer;
    }

    private static void waitUntilSpooled(Path spool, long bytes) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            long largest = 0;
            for (Path file : spooled(spool)) {
                largest = Math.max(largest, Files.size(file));
            }
            if (largest >= bytes) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(
                "the large upload never reached " + bytes + " bytes in " + spool + ": " + spooled(spool));
    }

    private static List<Path> spooled(Path spool) throws IOException {
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        }
    }

    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
