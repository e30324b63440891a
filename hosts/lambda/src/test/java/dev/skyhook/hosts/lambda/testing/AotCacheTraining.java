package dev.skyhook.hosts.lambda.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The training run of the container image's AOT cache: starts the image's entry point
 * ({@code skyhook-function}) with {@code SKYHOOK_AOT_CACHE_OUTPUT} set, against a loopback Runtime
 * API, hands it each event {@code rounds} times (what the function loads and runs while answering
 * them goes into the cache), then closes the Runtime API: the client's next poll fails, the JVM
 * exits and writes the cache. Any answer counts, an error status too: in an image build the
 * stores are out of reach, and the requests still run everything up to the network.
 *
 * <p>Usage: {@code AotCacheTraining ENTRY_POINT CACHE HANDLER ROUNDS EVENT.json...}; the
 * function's environment (stores, region) is this process's own. Exits non-zero, with the
 * function's log, if the function answered nothing or wrote no cache.
 */
public final class AotCacheTraining {
    private static final long ANSWER_TIMEOUT_SECONDS = 120;

    private AotCacheTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: AotCacheTraining ENTRY_POINT CACHE HANDLER ROUNDS EVENT.json...");
            System.exit(2);
        }
        List<Path> events = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            events.add(Path.of(args[i]));
        }
        try {
            train(Path.of(args[0]), Path.of(args[1]), args[2], Integer.parseInt(args[3]), events, Map.of());
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Writes the cache to {@code cache}, the function's log beside it ({@code cache}.log).
     *
     * @param environment the function's environment beyond this process's own
     */
    public static void train(
            Path entryPoint, Path cache, String handler, int rounds, List<Path> events, Map<String, String> environment)
            throws Exception {
        if (rounds < 1 || events.isEmpty()) {
            throw new IllegalArgumentException("at least one round of at least one event");
        }
        List<String> eventJson = new ArrayList<>();
        for (Path event : events) {
            eventJson.add(Files.readString(event));
        }
        Files.deleteIfExists(cache);
        Path log = cache.resolveSibling(cache.getFileName() + ".log");
        Process function;
        try (LoopbackRuntimeApi runtime = new LoopbackRuntimeApi()) {
            ProcessBuilder builder = new ProcessBuilder(entryPoint.toString(), handler)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtime.address());
            builder.environment()
                    .put("SKYHOOK_AOT_CACHE_OUTPUT", cache.toAbsolutePath().toString());
            function = builder.start();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < events.size(); i++) {
                    String answer = await(runtime, eventJson.get(i), function, log);
                    if (round == 0) {
                        System.out.println(events.get(i).getFileName() + ": "
                                + answer.substring(0, Math.min(answer.length(), 80)));
                    }
                }
            }
        }
        // The Runtime API is gone: the client's poll fails and the JVM exits, writing the cache.
        if (!function.waitFor(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            function.destroyForcibly();
            throw new IllegalStateException("the function did not exit after the Runtime API closed\n" + tail(log));
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IllegalStateException("the training run wrote no AOT cache " + cache + "\n" + tail(log));
        }
        System.out.println("AOT cache " + cache + ": " + Files.size(cache) / (1024 * 1024) + " MB");
    }

    private static String await(LoopbackRuntimeApi runtime, String event, Process function, Path log)
            throws InterruptedException {
        try {
            return runtime.invoke(UUID.randomUUID().toString(), event)
                    .get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .body();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the function failed: " + e.getCause().getMessage() + "\n" + tail(log), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "no answer in " + ANSWER_TIMEOUT_SECONDS + " s (process "
                            + (function.isAlive() ? "alive" : "exited with " + function.exitValue()) + ")\n"
                            + tail(log),
                    e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
