package dev.skyhook.hosts.lambda.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CRIU (checkpoint/restore in userspace), which emulates Lambda SnapStart here: a function's process
 * is checkpointed once while it waits at {@code restore/next}, and each cold start restores a copy of
 * it. Needs a CRIU that passes {@code criu check} on this kernel and the rights to use it (root).
 * The binary: {@code $SKYHOOK_CRIU}, else {@code /opt/criu/criu}, else {@code criu} on the path.
 */
public final class Criu {
    /** The mark CRIU puts on its own packets; its network-lock rules drop all others. */
    private static final String CRIU_PACKET_MARK = "0xc114";

    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;

    private Criu(Path binary) {
        this.binary = binary;
    }

    /** A working CRIU, or why there is none. */
    public sealed interface Probe permits Found, Missing {}

    public record Found(Criu criu) implements Probe {}

    public record Missing(String reason) implements Probe {}

    public static Probe probe() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("SKYHOOK_CRIU");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("/opt/criu/criu"));
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!directory.isBlank()) {
                candidates.add(Path.of(directory, "criu"));
            }
        }
        candidates.addAll(List.of(Path.of("/usr/sbin/criu"), Path.of("/usr/local/sbin/criu")));
        List<String> refused = new ArrayList<>();
        for (Path candidate : candidates) {
            if (!Files.isExecutable(candidate)) {
                continue;
            }
            try {
                Result check = run(List.of(candidate.toString(), "check"));
                if (check.status == 0) {
                    return new Found(new Criu(candidate));
                }
                refused.add(candidate + " check: "
                        + check.output
                                .strip()
                                .lines()
                                .reduce((first, second) -> second)
                                .orElse("exit " + check.status));
            } catch (IOException e) {
                refused.add(candidate + ": " + e.getMessage());
            }
        }
        return new Missing(
                refused.isEmpty()
                        ? "no criu binary (set SKYHOOK_CRIU, or build CRIU 4.2 into /opt/criu)"
                        : "no working criu: " + String.join("; ", refused));
    }

    public Path binary() {
        return binary;
    }

    /**
     * Checkpoints the process tree of {@code pid} into {@code images}; the process ends. Its open
     * TCP connections (the pending {@code restore/next}) are dumped too.
     */
    public void dump(long pid, Path images) throws IOException {
        Files.createDirectories(images);
        List<String> locksBefore = networkLockRules();
        Result dump = run(List.of(
                binary.toString(),
                "dump",
                "-t",
                Long.toString(pid),
                "-D",
                images.toString(),
                "--shell-job",
                "--tcp-established",
                "-o",
                "dump.log"));
        if (dump.status != 0) {
            throw new IOException(
                    "criu dump of " + pid + " failed (exit " + dump.status + "):\n" + tail(images.resolve("dump.log")));
        }
        // CRIU leaves the dumped connections dropped by firewall rules, for a restore that brings them
        // back established. Restores here bring them back closed (--tcp-close), so the rules would only
        // pile up, one pair per checkpoint, and could stall a later connection that reuses the ports.
        for (String rule : networkLockRules()) {
            if (!locksBefore.contains(rule)) {
                List<String> delete = new ArrayList<>(List.of("iptables", "-D"));
                delete.addAll(Arrays.asList(rule.substring("-A ".length()).split(" ")));
                run(delete);
            }
        }
    }

    /** CRIU's network-lock rules (they match its packet mark) present now; none where iptables is missing. */
    private static List<String> networkLockRules() {
        try {
            Result rules = run(List.of("iptables", "-S"));
            if (rules.status != 0) {
                return List.of();
            }
            return rules.output
                    .lines()
                    .filter(rule -> rule.startsWith("-A ") && rule.contains(CRIU_PACKET_MARK))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Starts restoring a copy of the checkpoint in {@code images}; the returned process is CRIU, which
     * waits for the restored process (same pid as the checkpointed one) to end. Its established TCP
     * connections come back closed: the client's pending {@code restore/next} fails on its closed
     * socket and the JDK's HTTP client sends it once more on a new connection, as an idempotent GET.
     */
    public Process restore(Path images, Path log) throws IOException {
        return startRestore(images, log, List.of());
    }

    /**
     * As {@link #restore}, but the process resumes before its memory is copied: a {@code criu lazy-pages}
     * daemon serves each page from the images when it is first touched (userfaultfd) and copies the rest
     * in the background, as a microVM's snapshot is loaded on access. The daemon ends with the restore.
     */
    public Process restoreLazily(Path images, Path log) throws IOException {
        Path socket = images.resolve("lazy-pages.socket");
        Files.deleteIfExists(socket);
        Path daemonLog = log.resolveSibling("lazy-pages.log").toAbsolutePath();
        Process daemon = new ProcessBuilder(
                        binary.toString(), "lazy-pages", "-D", images.toString(), "-o", daemonLog.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(socket)) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                daemon.destroyForcibly();
                throw new IOException("criu lazy-pages did not start:\n" + tail(daemonLog));
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                daemon.destroyForcibly();
                throw new IOException("interrupted while criu lazy-pages started", e);
            }
        }
        try {
            Process restore = startRestore(images, log, List.of("--lazy-pages"));
            restore.onExit().thenRun(daemon::destroyForcibly);
            return restore;
        } catch (IOException | RuntimeException e) {
            daemon.destroyForcibly();
            throw e;
        }
    }

    private Process startRestore(Path images, Path log, List<String> extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "restore",
                "-D",
                images.toString(),
                "--shell-job",
                "--tcp-close",
                "-o",
                log.toAbsolutePath().toString()));
        command.addAll(extra);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The last lines of a CRIU log. */
    public static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log " + log + ": " + e.getMessage() + ")";
        }
    }

    private record Result(int status, String output) {}

    private static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        }
    }
}
