package dev.skyhook.benchmarks.coldstart;

import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.testing.AotCacheTraining;
import dev.skyhook.hosts.lambda.testing.LoopbackRuntimeApi;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * On-demand cold starts of the container image with its AOT cache against the zip deployment, side
 * by side in one run, through the real runtime interface client and the same servers as
 * {@link ColdStartBenchmark}. The image rows run the image's own entry point
 * ({@code skyhook-function}, from {@code target/skyhook-lambda-image/task}) on this JDK, with the
 * cache trained as the Dockerfile trains it ({@link AotCacheTraining}, the all-routes handler, the
 * image's training events): once with the stores out of reach, as in an image build
 * ({@code image-aot}), once against the running servers ({@code image-aot-served}); and without a
 * cache ({@code image}), which shows what the layout alone does. The zip row runs the client as the
 * harness does: the package unpacked as the task root, loaded by the client's own class loader.
 *
 * <p>Run by {@code hosts/benchmarks/image-cold-start.sh}: {@code [--runs N] [--requests hello,users,ride,images] [--rounds R] [--work DIR]}.
 */
public final class ImageColdStartBenchmark {
    private static final String ALL_ROUTES = "dev.skyhook.hosts.lambda.ApiHandler::handleRequest";
    private static final long ANSWER_TIMEOUT_SECONDS = 60;
    private static final double TARGET = 0.7;

    private enum Kind {
        ZIP,
        IMAGE,
        IMAGE_AOT,
        IMAGE_AOT_SERVED
    }

    private record Setup(Kind kind, String name, Path taskRoot) {}

    private final List<String> runtimeClassPath;
    private final Map<String, String> backends;
    private final Path logs;

    private ImageColdStartBenchmark(List<String> runtimeClassPath, Map<String, String> backends, Path logs) {
        this.runtimeClassPath = runtimeClassPath;
        this.backends = backends;
        this.logs = logs;
    }

    public static void main(String[] args) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int status = 1;
        try {
            run(args);
            status = 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
        } catch (Exception e) {
            LoggerFactory.getLogger(ImageColdStartBenchmark.class).error("the image cold-start benchmark failed", e);
        } finally {
            System.exit(status);
        }
    }

    private static void run(String[] args) throws Exception {
        int runs = 10;
        int rounds = 3;
        List<String> requestFilter = List.of();
        Path work = Path.of("target/image-cold-start");
        Path recordTrainingClasses = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--requests" -> requestFilter = List.of(args[i + 1].split(","));
                case "--work" -> work = Path.of(args[i + 1]);
                case "--record-training-classes" ->
                    recordTrainingClasses = Path.of(args[i + 1]).toAbsolutePath();
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; image-cold-start.sh [--runs N] [--requests hello,users,ride,images] [--rounds R] [--work DIR]"
                            + " [--record-training-classes FILE]");
            }
        }
        if (args.length % 2 != 0 || runs < 1 || rounds < 1) {
            throw new IllegalArgumentException("options come in pairs; --runs and --rounds at least 1");
        }
        work = work.toAbsolutePath();
        Path image = Path.of("../lambda/target/skyhook-lambda-image").toAbsolutePath();
        Path zip = Path.of("../lambda/target/skyhook-lambda.zip").toAbsolutePath();
        if (!Files.isDirectory(image.resolve("task")) || !Files.isRegularFile(zip)) {
            throw new IllegalArgumentException("build first: ./mvnw -q -DskipTests package -pl hosts/benchmarks -am");
        }
        Path logs = Files.createDirectories(work.resolve("logs"));
        List<String> runtimeClassPath = List.of(Files.readString(Path.of("target/lambda-runtime.classpath"))
                .strip()
                .split(File.pathSeparator));
        List<String> filter = requestFilter;
        List<ColdStartRequest> requests = ColdStartRequest.all().stream()
                .filter(request -> filter.isEmpty() || filter.stream().anyMatch(request.name()::contains))
                .toList();

        List<Setup> setups = List.of(
                new Setup(Kind.ZIP, "zip", ColdStartBenchmark.unpack(zip, work.resolve("task-zip"))),
                new Setup(Kind.IMAGE, "image", copy(image.resolve("task"), work.resolve("task-image"))),
                new Setup(Kind.IMAGE_AOT, "image-aot", copy(image.resolve("task"), work.resolve("task-image-aot"))),
                new Setup(
                        Kind.IMAGE_AOT_SERVED,
                        "image-aot-served",
                        copy(image.resolve("task"), work.resolve("task-image-aot-served"))));
        Backends servers = Backends.start();
        ImageColdStartBenchmark benchmark = new ImageColdStartBenchmark(runtimeClassPath, servers.environment(), logs);
        List<Path> events = trainingEvents(image.resolve("training/events"));
        // As the Dockerfile's training step: unless the list is being recorded, which needs runs without it.
        Path trainingClasses = recordTrainingClasses == null ? image.resolve("training/aot-training.classes") : null;
        for (Setup setup : setups) {
            if (setup.kind() == Kind.IMAGE_AOT || setup.kind() == Kind.IMAGE_AOT_SERVED) {
                benchmark.train(setup, events, rounds, trainingClasses, recordTrainingClasses != null);
            }
        }
        if (recordTrainingClasses != null) {
            recordTrainingClasses(setups, recordTrainingClasses);
        }

        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        for (int run = -1; run < runs; run++) {
            for (ColdStartRequest request : requests) {
                for (Setup setup : setups) {
                    double[] measured = benchmark.coldStart(setup, request);
                    System.out.printf(
                            Locale.ROOT,
                            "%-10s %-18s %-17s cold %7.1f ms, CPU %5.0f ms%n",
                            run < 0 ? "warm-up" : "run " + (run + 1),
                            request.name(),
                            setup.name(),
                            measured[0],
                            measured[1]);
                    if (run >= 0) {
                        samples.computeIfAbsent(request.name() + "|" + setup.name(), key -> new ArrayList<>())
                                .add(measured);
                    }
                }
            }
        }
        String table = table(samples, requests, setups, runs, rounds);
        System.out.println();
        System.out.println(table);
        Files.writeString(work.resolve("results.md"), table);
    }

    /** The image's training events (as the Dockerfile uses them), from the image layout. */
    private static List<Path> trainingEvents(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> events = files.filter(file -> file.toString().endsWith(".json"))
                    .sorted()
                    .toList();
            if (events.isEmpty()) {
                throw new IllegalStateException("no training events in " + directory);
            }
            return events;
        }
    }

    private void train(Setup setup, List<Path> events, int rounds, Path trainingClasses, boolean logClassLoading)
            throws Exception {
        Map<String, String> environment = environment(setup, ALL_ROUTES, "-");
        environment.remove("AWS_LAMBDA_RUNTIME_API");
        if (trainingClasses != null) {
            environment.put("SKYHOOK_AOT_TRAINING_CLASSES", trainingClasses.toString());
        }
        if (logClassLoading) {
            // %p: the training JVM and the one it starts to write the cache each get their own log.
            environment.put(
                    "JAVA_TOOL_OPTIONS",
                    "-Xlog:class+load=info:file=" + setup.taskRoot().resolve("training-class-load-%p.log"));
        }
        if (setup.kind() == Kind.IMAGE_AOT) {
            // As in an image build: nothing answers on the stores' addresses.
            environment.putAll(Map.of(
                    "DB_HOST",
                    "127.0.0.1",
                    "DB_PORT",
                    "9",
                    "S3_ENDPOINT",
                    "http://127.0.0.1:9",
                    "DYNAMODB_ENDPOINT",
                    "http://127.0.0.1:9"));
        }
        long started = System.nanoTime();
        AotCacheTraining.train(
                setup.taskRoot().resolve("bin/skyhook-function"),
                setup.taskRoot().resolve("skyhook.aot"),
                ALL_ROUTES,
                rounds,
                events,
                environment);
        System.out.printf(Locale.ROOT, "%s: trained in %.1f s%n", setup.name(), (System.nanoTime() - started) / 1e9);
    }

    /**
     * Writes the classes the training run against the stores loaded and the one without them did not
     * (the MySQL driver's handshake and result decoding, the SDK's parsing of answers): the list an
     * image build's training run loads, since no store answers it there.
     */
    private static void recordTrainingClasses(List<Setup> setups, Path list) throws IOException {
        java.util.LinkedHashSet<String> served = trainingRunClasses(taskRoot(setups, Kind.IMAGE_AOT_SERVED));
        served.removeAll(trainingRunClasses(taskRoot(setups, Kind.IMAGE_AOT)));
        List<String> lines = new ArrayList<>();
        lines.add("# Classes an AOT training run loads when its requests reach the stores, and an image build's");
        lines.add("# (no store answers there) does not. Recorded by image-cold-start.sh --record-training-classes.");
        lines.addAll(served);
        Files.write(list, lines);
        System.out.println(served.size() + " classes written to " + list);
    }

    private static Path taskRoot(List<Setup> setups, Kind kind) {
        return setups.stream()
                .filter(setup -> setup.kind() == kind)
                .findFirst()
                .orElseThrow()
                .taskRoot();
    }

    /** The named classes the training JVM loaded, in order: the largest of its class-load logs. */
    private static java.util.LinkedHashSet<String> trainingRunClasses(Path taskRoot) throws IOException {
        Path largest;
        try (Stream<Path> files = Files.list(taskRoot)) {
            largest = files.filter(file -> file.getFileName().toString().startsWith("training-class-load-"))
                    .max(java.util.Comparator.comparingLong(
                            file -> file.toFile().length()))
                    .orElseThrow(() -> new IllegalStateException("no training class-load log in " + taskRoot));
        }
        java.util.LinkedHashSet<String> classes = new java.util.LinkedHashSet<>();
        try (Stream<String> lines = Files.lines(largest)) {
            lines.map(ColdStartBenchmark::loadedClass)
                    .filter(name -> !name.isEmpty())
                    .forEach(classes::add);
        }
        return classes;
    }

    /** Process start to first answer, less the harness's own hand-over after init; and the process's CPU time to then. */
    private double[] coldStart(Setup setup, ColdStartRequest request) throws Exception {
        Path log = logs.resolve(setup.name() + "-" + request.name().replaceAll("[^A-Za-z]+", "-") + ".log");
        try (LoopbackRuntimeApi runtime = new LoopbackRuntimeApi()) {
            List<String> command = new ArrayList<>();
            if (setup.kind() == Kind.ZIP) {
                command.add(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.add("--enable-native-access=ALL-UNNAMED");
                command.addAll(List.of(Options.LAMBDA_JVM_FLAGS.split(" ")));
                command.addAll(List.of(
                        "-cp", String.join(File.pathSeparator, runtimeClassPath), ColdStartBenchmark.RUNTIME_CLIENT));
            } else {
                command.add(setup.taskRoot().resolve("bin/skyhook-function").toString());
            }
            command.add(request.function());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(setup.taskRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment(setup, request.function(), runtime.address()));
            long started = System.nanoTime();
            Process function = builder.start();
            try {
                long initDone = await(runtime.firstPoll(), log);
                long queued = System.nanoTime();
                LoopbackRuntimeApi.Answer answer =
                        await(runtime.invoke(UUID.randomUUID().toString(), request.eventJson()), log);
                double cpu = function.toHandle()
                        .info()
                        .totalCpuDuration()
                        .map(d -> d.toNanos() / 1e6)
                        .orElse(Double.NaN);
                check(request, answer.body(), log);
                return new double[] {(answer.receivedNanos() - started - (queued - initDone)) / 1e6, cpu};
            } finally {
                function.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** What Lambda's java25 runtime sets for a function, the servers' settings, and for the image its entry point's. */
    private Map<String, String> environment(Setup setup, String handler, String runtimeApi) {
        Map<String, String> env =
                LambdaEnvironment.of("skyhook-image-cold-start", setup.taskRoot(), handler, runtimeApi, 1024, false);
        env.putAll(backends);
        if (setup.kind() != Kind.ZIP) {
            env.put(
                    "JAVA",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString());
            env.put("LAMBDA_RUNTIME_CLASS_PATH", String.join(File.pathSeparator, runtimeClassPath));
        }
        return env;
    }

    private static <T> T await(CompletableFuture<T> future, Path log) throws Exception {
        try {
            return future.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer: " + e + "\n" + tail(log), e);
        }
    }

    private static void check(ColdStartRequest request, String answer, Path log) {
        Object parsed = Json.parse(answer);
        Object status = parsed instanceof Map<?, ?> map ? map.get("statusCode") : null;
        Object body = parsed instanceof Map<?, ?> map ? map.get("body") : null;
        if (!(status instanceof Number number)
                || number.intValue() != request.expectedStatus()
                || !(body instanceof String text)
                || !text.contains(request.expectedInBody())) {
            throw new IllegalStateException(request.name() + " answered " + answer + "\n" + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static String table(
            Map<String, List<double[]>> samples,
            List<ColdStartRequest> requests,
            List<Setup> setups,
            int runs,
            int rounds) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "On-demand cold start, process start to first answer: %d runs per row, interleaved; "
                        + "caches trained in %d rounds of the image's training events (all-routes handler).%n"
                        + "JDK %s (%s), %d cores, load average %.2f at the end; flags of the java25 runtime (%s), memory 1024 MB.%n%n",
                runs,
                rounds,
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vendor"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Options.LAMBDA_JVM_FLAGS));
        out.append(
                "| request | variant | cold median | min | max | CPU median | x zip (cold) | x zip (CPU) |\n|---|---|---|---|---|---|---|---|\n");
        for (ColdStartRequest request : requests) {
            double zipCold = median(samples.get(request.name() + "|zip"), 0);
            double zipCpu = median(samples.get(request.name() + "|zip"), 1);
            for (Setup setup : setups) {
                List<double[]> these = samples.get(request.name() + "|" + setup.name());
                double cold = median(these, 0);
                double cpu = median(these, 1);
                String verdict = setup.kind() == Kind.IMAGE_AOT
                        ? (cold / zipCold <= TARGET ? " (<= 0.7x: met)" : " (<= 0.7x: MISSED)")
                        : "";
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.0f ms | %.0f | %.0f | %.0f ms | %.2fx%s | %.2fx |%n",
                        request.name(),
                        setup.name(),
                        cold,
                        these.stream().mapToDouble(s -> s[0]).min().orElse(Double.NaN),
                        these.stream().mapToDouble(s -> s[0]).max().orElse(Double.NaN),
                        cpu,
                        cold / zipCold,
                        verdict,
                        cpu / zipCpu));
            }
        }
        return out.toString();
    }

    private static double median(List<double[]> samples, int index) {
        List<Double> sorted = samples.stream().map(s -> s[index]).sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** A fresh copy of the image's /var/task (its cache is written into it). */
    private static Path copy(Path source, Path target) throws IOException {
        ColdStartBenchmark.deleteRecursively(target);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }
}
