package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No file git tracks looks like a secret: by its name, by its content, or by living under a {@code data/}
 * folder (where the server keeps its generated keys, database and blobs). A key once committed is public for
 * good, so this runs with every build.
 */
class TrackedSecretsTest {
    /** Names that hold keys: key and certificate stores, SSH keys, dotenv files, anything called a secret or an API key. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(.*\\.(key|pem|p12|pfx|jks|keystore|ppk|asc)|id_(rsa|dsa|ecdsa|ed25519)(\\..*)?|\\.env(\\..*)?|.*secret.*|.*api[-_]?key.*)");
    /** Source and documentation may speak of secrets by name ({@code SigningSecrets.java}); they are scanned by content. */
    private static final Pattern SOURCE_OR_DOC = Pattern.compile(".*\\.(java|md)");

    private static final Pattern PRIVATE_KEY_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----");
    private static final Pattern AWS_ACCESS_KEY_ID = Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b");

    @Test
    void noTrackedFileLooksLikeASecret() throws Exception {
        Path root = repositoryRoot();
        List<String> tracked = trackedFiles(root);
        assertThat(tracked).as("git ls-files in %s", root).isNotEmpty();

        List<String> findings = new ArrayList<>();
        for (String path : tracked) {
            Path file = root.resolve(path);
            byte[] content = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            reasonToSuspect(path, content).ifPresent(reason -> findings.add(path + ": " + reason));
        }

        assertThat(findings)
                .as(
                        "tracked files that look like secrets (remove them with git rm, keep them in an ignored data/ folder,"
                                + " and treat what was committed as public)")
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "hosts/server/data/url-signing.key, under a data/ folder",
        "data/skyhook.mv.db, under a data/ folder",
        "config/server.pem, name of a key or secret file",
        "deploy/id_ed25519, name of a key or secret file",
        ".env, name of a key or secret file",
        "hosts/server/.env.production, name of a key or secret file",
        "ops/jwt-secret, name of a key or secret file",
        "ops/demo-api-key, name of a key or secret file",
        "ops/API_KEY.txt, name of a key or secret file",
    })
    void suspiciousNamesAreFound(String path, String reason) {
        assertThat(reasonToSuspect(path, new byte[0])).contains(reason);
    }

    @Test
    void suspiciousContentIsFoundWhateverTheName() {
        // Assembled at run time, so this file does not trip the check it tests.
        String pem = "-----BEGIN " + "OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n";
        String rsa = "-----BEGIN " + "RSA PRIVATE KEY-----\n";
        String accessKey = "aws_access_key_id = " + "AKIA" + "IOSFODNN7EXAMPLE";

        assertThat(reasonToSuspect("docs/notes.md", bytes(pem))).contains("a private key block");
        assertThat(reasonToSuspect("src/Config.java", bytes(rsa))).contains("a private key block");
        assertThat(reasonToSuspect("template.yaml", bytes(accessKey))).contains("an AWS access key id");
    }

    @ParameterizedTest
    @CsvSource({
        "adapters-local/src/main/java/dev/skyhook/adapters/local/signing/SigningSecrets.java",
        "hosts/server/src/test/java/dev/skyhook/hosts/server/ServerLogSecretsIT.java",
        "core/src/test/java/dev/skyhook/core/testdata/TestImages.java",
        "docs/security.md",
        "hosts/server/src/main/resources/application.properties",
    })
    void ordinaryFilesPass(String path) {
        assertThat(reasonToSuspect(
                        path, bytes("public final class SigningSecrets { /* -----BEGIN CERTIFICATE----- */ }")))
                .isEmpty();
    }

    static Optional<String> reasonToSuspect(String path, byte[] content) {
        List<String> segments = Arrays.asList(path.split("/"));
        if (segments.subList(0, segments.size() - 1).contains("data")) {
            return Optional.of("under a data/ folder");
        }
        String name = segments.get(segments.size() - 1).toLowerCase(Locale.ROOT);
        if (SECRET_NAME.matcher(name).matches() && !SOURCE_OR_DOC.matcher(name).matches()) {
            return Optional.of("name of a key or secret file");
        }
        // ISO-8859-1 maps every byte to one character: binary files are scanned too, and nothing fails to decode.
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (PRIVATE_KEY_BLOCK.matcher(text).find()) {
            return Optional.of("a private key block");
        }
        if (AWS_ACCESS_KEY_ID.matcher(text).find()) {
            return Optional.of("an AWS access key id");
        }
        return Optional.empty();
    }

    /** The working tree's root: the nearest folder up from here with a {@code .git} (a folder, or a file in a worktree). */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path candidate = here; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve(".git"))) {
                return candidate;
            }
        }
        assumeTrue(false, "not checked: no .git found above " + here + " (a source archive, not a git checkout)");
        throw new AssertionError("unreachable");
    }

    private static List<String> trackedFiles(Path root) throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            assumeTrue(false, "not checked: git is not installed or not on the PATH (" + e.getMessage() + ")");
            throw new AssertionError("unreachable");
        }
        byte[] out = git.getInputStream().readAllBytes();
        assertThat(git.waitFor(60, TimeUnit.SECONDS))
                .as("git ls-files finished")
                .isTrue();
        assumeTrue(
                git.exitValue() == 0,
                "not checked: git ls-files failed in " + root + " (exit " + git.exitValue() + ")");
        return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("\0"))
                .filter(path -> !path.isEmpty())
                .toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
