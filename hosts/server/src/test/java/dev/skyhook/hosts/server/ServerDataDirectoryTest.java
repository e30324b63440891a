package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skyhook.core.model.FileOwner;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server writes in its data directory is its owner's alone: the folder is {@code rwx------} from the
 * start, the keys it generates {@code rw-------}, and so are stored files and their folders. H2 gives its own
 * files the umask's mode; they sit in the owner-only folder.
 */
class ServerDataDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void theDataDirectoryAndEverySecretAndStoredFileInItAreOwnerOnly() throws Exception {
        assumeTrue(
                temp.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "not checked: no POSIX permissions here");
        Path data = temp.resolve("srv/skyhook/data");
        try (EmbeddedServer server = TestServer.start(data)) {
            HttpHostClient client = new HttpHostClient(server.getURI());
            assertThat(mode(data)).as("before any request").isEqualTo("rwx------");
            assertThat(mode(data.resolve("url-signing.key"))).isEqualTo("rw-------");
            assertThat(mode(data.resolve("demo-api-key"))).isEqualTo("rw-------");

            HostResponse token = client.send(HostRequest.json("POST", "/auth/demo-token", "{\"username\":\"alice\"}"));
            assertThat(token.status()).isEqualTo(200);
            assertThat(mode(data.resolve("jwt-secret")))
                    .as("made when the first token is issued")
                    .isEqualTo("rw-------");
            assertThat(client.send(new MultipartBody()
                                    .file(
                                            "file",
                                            "q3.pdf",
                                            "application/pdf",
                                            "%PDF-1.7".getBytes(StandardCharsets.US_ASCII))
                                    .field("filename", "reports/q3.pdf")
                                    .post("/files")
                                    .withHeader("Authorization", (String)
                                            token.jsonObject().get("token")))
                            .status())
                    .isEqualTo(200);
            String key = (String)
                    client.send(HostRequest.get("/demo/session")).jsonObject().get("apiKey");
            assertThat(client.send(new MultipartBody()
                                    .file("file", "a.png", "image/png", TestImages.png(2, 2))
                                    .post("/images/post")
                                    .withHeader("x-api-key", key))
                            .status())
                    .isEqualTo(200);

            List<Path> written;
            try (Stream<Path> paths = Files.walk(data)) {
                written = paths.filter(path -> !path.equals(data)).toList();
            }
            assertThat(written)
                    .extracting(path -> data.relativize(path).toString())
                    .contains(
                            "url-signing.key",
                            "demo-api-key",
                            "jwt-secret",
                            "skyhook.mv.db",
                            "spool",
                            "blobs/keys/files/" + FileOwner.of("alice").segment() + "/reports/q3.pdf");
            for (Path path : written) {
                if (isH2File(data, path)) {
                    continue; // the umask's mode, in the owner-only folder
                }
                assertThat(mode(path))
                        .as("%s", data.relativize(path))
                        .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
            }
        }
    }

    private static boolean isH2File(Path data, Path path) {
        return path.getParent().equals(data)
                && path.getFileName().toString().startsWith("skyhook.")
                && path.getFileName().toString().endsWith(".db");
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
