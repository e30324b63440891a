package dev.skyhook.benchmarks.coldstart;

import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.testing.LoopbackRuntimeApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.LoggerFactory;

/**
 * Cold starts of whole processes, side by side in one run, through the real AWS Lambda Runtime
 * Interface Client. For each variant and request, N times: a loopback Runtime API with the event
 * queued, a fresh JVM running the client on the variant's unpacked package, the time from starting
 * the process to the first answer; then M warm invocations of the same request; then the process is
 * killed. Run by {@code hosts/benchmarks/cold-start.sh}; {@code --help} lists the options.
 */
public final class ColdStartBenchmark {
    static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String MICRONAUT_HANDLER = "io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction";
    private static final long ANSWER_TIMEOUT_SECONDS = 60;

    private final Options options;
    private final Map<String, String> backendEnvironment;
    private final List<String> runtimeClassPath;
    private final Set<Path> trainedArchives = new HashSet<>();

    private ColdStartBenchmark(Options options, Map<String, String> backendEnvironment, List<String> runtimeClassPath) {
        this.options = options;
        this.backendEnvironment = backendEnvironment;
        this.runtimeClassPath = runtimeClassPath;
    }

    public static void main(String[] args) {
        // Answers in one segment: with Nagle's algorithm against delayed ACKs, every warm invocation
        // on the kept-alive connection waited about 40 ms per message for nothing.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int status = 1;
        try {
            run(Options.parse(args));
            status = 0;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
        } catch (Exception e) {
            LoggerFactory.getLogger(ColdStartBenchmark.class).error("the cold-start benchmark failed", e);
        } finally {
            // The embedded servers' threads would keep the JVM alive; their shutdown hooks stop them.
            System.exit(status);
        }
    }

    private static void run(Options options) throws Exception {
        List<String> runtimeClassPath = Arrays.asList(Files.readString(options.runtimeClassPathFile).strip().split(java.io.File.pathSeparator));
        Files.createDirectories(options.workDirectory.resolve("logs"));
        List<Variant> variants = prepareVariants(options);
        List<ColdStartRequest> requests = ColdStartRequest.all().stream()
            .filter(request -> options.requests.isEmpty() || options.requests.stream().anyMatch(request.name()::contains))
            .toList();
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("--requests " + String.join(",", options.requests) + " names none of "
                + ColdStartRequest.all().stream().map(ColdStartRequest::name).toList());
        }
        Backends backends = Backends.start();
        ColdStartBenchmark benchmark = new ColdStartBenchmark(options, backends.environment(), runtimeClassPath);
        Report report = benchmark.measureAll(variants, requests);
        String table = report.markdown(options);
        System.out.println();
        System.out.println(table);
        Files.writeString(options.workDirectory.resolve("results.md"), table);
        Files.writeString(options.workDirectory.resolve("samples.csv"), report.csv());
        System.out.println("raw samples: " + options.workDirectory.resolve("samples.csv") + "; child logs: "
            + options.workDirectory.resolve("logs"));
    }

    private Report measureAll(List<Variant> variants, List<ColdStartRequest> requests) throws Exception {
        List<Case> cases = new ArrayList<>();
        for (Variant variant : variants) {
            if (variant.perRequest()) {
                requests.forEach(request -> cases.add(new Case(variant, request)));
            } else {
                cases.add(new Case(variant, ColdStartRequest.hello()));
            }
        }
        Report report = new Report(cases);
        // One unmeasured round first: the packages come into the page cache, as they are on a Lambda host.
        for (int run = -1; run < options.runs; run++) {
            String round = run < 0 ? "warm-up round" : "run " + (run + 1) + "/" + options.runs;
            // Interleaved, so that whatever else the machine does falls on every variant alike.
            for (Case measured : cases) {
                Measurement measurement;
                try {
                    measurement = measure(measured, run < 0 ? 0 : options.warmInvokes);
                } catch (IllegalStateException e) {
                    // A wrong answer is not a cold start: it is counted and shown beside the row, not timed.
                    System.out.printf("%-14s %-10s %-18s FAILED: %s%n", round, measured.variant().name(), measured.request().name(),
                        e.getMessage());
                    if (run >= 0) {
                        report.fail(measured, e.getMessage().lines().findFirst().orElse("failed"));
                    }
                    keepLogOfFailure(measured, run);
                    continue;
                }
                System.out.printf("%-14s %-10s %-18s cold %7.1f ms (init %7.1f ms; CPU %5.0f ms, init %5.0f ms)%s%n", round, measured.variant().name(),
                    measured.variant().perRequest() ? measured.request().name() : "-", measurement.coldMillis(),
                    measurement.initMillis(), measurement.cpuMillis(), measurement.initCpuMillis(), measurement.warmMillis().isEmpty() ? ""
                        : String.format("  warm median %.2f ms", Report.percentile(measurement.warmMillis(), 50)));
                if (run >= 0) {
                    report.add(measured, measurement);
                }
            }
        }
        return report;
    }

    /** One variant on one request: which function runs and what it is asked. */
    record Case(Variant variant, ColdStartRequest request) {
        String key() {
            return variant.name() + " " + (variant.perRequest() ? request.name() : "-");
        }
    }

    /**
     * @param initMillis from process start to the client's first poll for an event (NaN for the bare JVM)
     * @param initCpuMillis CPU time the process used up to its first poll, all threads (NaN for the bare JVM)
     * @param cpuMillis CPU time the process used up to its first answer, all threads: less sensitive than
     *     wall time to other work on the machine (NaN for the bare JVM)
     */
    record Measurement(double coldMillis, double initMillis, double initCpuMillis, double cpuMillis, List<Double> warmMillis) {}

    private static double cpuMillis(Process process) {
        return process.toHandle().info().totalCpuDuration().map(duration -> duration.toNanos() / 1_000_000.0).orElse(Double.NaN);
    }

    private Path log(Case measured) {
        return options.workDirectory.resolve("logs").resolve(measured.key().replaceAll("[^A-Za-z0-9]+", "-") + ".log");
    }

    /** The next run overwrites the case's log; a failure's is kept beside it. */
    private void keepLogOfFailure(Case measured, int run) throws IOException {
        Path log = log(measured);
        if (Files.exists(log)) {
            Files.copy(log, log.resolveSibling(log.getFileName().toString().replace(".log", "-failed-run-" + (run + 1) + ".log")),
                StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Measurement measure(Case measured, int warmInvokes) throws Exception {
        Variant variant = measured.variant();
        Path log = log(measured);
        if (variant.isBareJvm()) {
            return bareJvm(variant, log);
        }
        List<String> classData = variant.applicationClassData() ? List.of("-XX:SharedArchiveFile=" + trainedArchive(measured), "-Xshare:on")
            : List.of();
        try (LoopbackRuntimeApi runtime = new LoopbackRuntimeApi()) {
            long started = System.nanoTime();
            Process function = startFunction(measured, runtime, classData, log);
            try {
                return invokeColdThenWarm(measured, runtime, function, started, log, warmInvokes);
            } finally {
                // The client blocks on invocation/next for ever, as in Lambda.
                function.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * An archive of the classes one cold start and its warm invocations loaded, written by a JVM run
     * once on the same request (JDK 13+ dynamic archiving: {@code -XX:ArchiveClassesAtExit}), as a
     * container image's build would. The JVM writes it when it exits: here when the Runtime API goes
     * away and the client's poll fails.
     */
    private Path trainedArchive(Case measured) throws Exception {
        Path archive = options.workDirectory.resolve("class-data").resolve(measured.key().replaceAll("[^A-Za-z0-9]+", "-") + ".jsa");
        if (trainedArchives.add(archive)) {
            Files.createDirectories(archive.getParent());
            Files.deleteIfExists(archive);
            Path log = archive.resolveSibling(archive.getFileName() + ".log");
            Process function;
            try (LoopbackRuntimeApi runtime = new LoopbackRuntimeApi()) {
                function = startFunction(measured, runtime, List.of("-XX:ArchiveClassesAtExit=" + archive), log);
                invokeColdThenWarm(measured, runtime, function, System.nanoTime(), log, options.warmInvokes);
            }
            if (!function.waitFor(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                function.destroyForcibly();
            }
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("the training run wrote no class-data archive " + archive + "\n" + tail(log));
            }
        }
        return archive;
    }

    private Process startFunction(Case measured, LoopbackRuntimeApi runtime, List<String> extraFlags, Path log) throws IOException {
        Variant variant = measured.variant();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        // The runtime client loads its JNI library with System.load; without this JDK 24+ warns on stderr.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(options.jvmFlags);
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, runtimeClassPath), RUNTIME_CLIENT));
        String handler = variant.handler().apply(measured.request());
        command.add(handler);
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(variant.taskRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(lambdaEnvironment(runtime.address(), handler, variant));
        return builder.start();
    }

    private Measurement invokeColdThenWarm(Case measured, LoopbackRuntimeApi runtime, Process function, long started, Path log,
                                           int warmInvokes) throws InterruptedException {
        // The event is queued once the client asks for it, so that the CPU time of init and of the first
        // invocation can be read apart while the child waits, idle, on invocation/next.
        long initDone = await(runtime.firstPoll(), function, log);
        double initCpuMillis = cpuMillis(function);
        long queued = System.nanoTime();
        LoopbackRuntimeApi.Answer answer = await(runtime.invoke(UUID.randomUUID().toString(), measured.request().eventJson()), function, log);
        double cpuMillis = cpuMillis(function);
        check(measured, answer.body(), log);
        // Lambda hands the first event over as soon as init is done: the harness's own hand-over is not counted.
        long coldNanos = answer.receivedNanos() - started - (queued - initDone);
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < warmInvokes; i++) {
            long sent = System.nanoTime();
            LoopbackRuntimeApi.Answer warmAnswer = await(runtime.invoke(UUID.randomUUID().toString(), measured.request().eventJson()),
                function, log);
            warm.add(millis(warmAnswer.receivedNanos() - sent));
            check(measured, warmAnswer.body(), log);
        }
        return new Measurement(millis(coldNanos), millis(initDone - started), initCpuMillis, cpuMillis, warm);
    }

    private Measurement bareJvm(Variant variant, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(options.jvmFlags);
        command.addAll(List.of("-cp", ".", PrintJson.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(variant.taskRoot().toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(lambdaEnvironment("-", "-", variant));
        long started = System.nanoTime();
        Process process = builder.start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            // JAVA_TOOL_OPTIONS makes the JVM announce itself first.
            do {
                line = out.readLine();
            } while (line != null && line.startsWith("Picked up"));
            long printed = System.nanoTime();
            Files.writeString(log, String.valueOf(line));
            if (!"\"Hello from Lambda!\"".equals(line)) {
                throw new IllegalStateException("the bare JVM printed " + line + " instead of the JSON string");
            }
            process.waitFor(10, TimeUnit.SECONDS);
            // An exited process has no CPU time to read.
            return new Measurement(millis(printed - started), Double.NaN, Double.NaN, Double.NaN, List.of());
        }
    }

    /** What Lambda's java25 runtime sets for a function, plus the backends' and the variant's own settings. */
    private Map<String, String> lambdaEnvironment(String runtimeApi, String handler, Variant variant) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        if (!options.javaToolOptions.isBlank()) {
            env.put("JAVA_TOOL_OPTIONS", options.javaToolOptions);
        }
        env.put("LAMBDA_TASK_ROOT", variant.taskRoot().toString());
        env.put("_HANDLER", handler);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "skyhook-cold-start-" + variant.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(options.memoryMegabytes));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/skyhook-cold-start");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.putAll(backendEnvironment);
        env.putAll(variant.environment());
        return env;
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> answer, Process function, Path log) throws InterruptedException {
        try {
            return answer.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() + "\n" + tail(log), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer in " + ANSWER_TIMEOUT_SECONDS + " s (process "
                + (function.isAlive() ? "alive" : "exited with " + function.exitValue()) + ")\n" + tail(log));
        }
    }

    private static void check(Case measured, String answer, Path log) {
        ColdStartRequest request = measured.request();
        Object parsed = Json.parse(answer);
        Object status = parsed instanceof Map<?, ?> map ? map.get("statusCode") : null;
        Object body = parsed instanceof Map<?, ?> map ? map.get("body") : null;
        if (measured.variant().isFloor()) {
            request = ColdStartRequest.hello();
        }
        if (!(status instanceof Number number) || number.intValue() != request.expectedStatus()
            || !(body instanceof String text) || !text.contains(request.expectedInBody())) {
            throw new IllegalStateException(measured.key() + " answered " + answer + "\n" + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<Variant> prepareVariants(Options options) throws IOException {
        Path work = options.workDirectory;
        List<Variant> variants = new ArrayList<>();
        for (String name : options.variants) {
            switch (name) {
                case Variant.DAGGER, Variant.DAGGER_CLASS_DATA -> variants.add(new Variant(name, "the Lambda host, one function per "
                    + "route family (HelloHandler, UsersHandler, RidesHandler, ImagesHandler)" + (name.equals(Variant.DAGGER) ? ""
                    : ", with an application class-data archive"), unpack(options.lambdaZip, work.resolve("task-lambda")),
                    ColdStartRequest::function, true, Map.of(), name.equals(Variant.DAGGER_CLASS_DATA)));
                case Variant.DAGGER_ALL_ROUTES -> variants.add(new Variant(name, "the Lambda host, every route in one function "
                    + "(ApiHandler)", unpack(options.lambdaZip, work.resolve("task-lambda")),
                    request -> "dev.skyhook.hosts.lambda.ApiHandler::handleRequest", true, Map.of(), false));
                case Variant.MICRONAUT -> variants.add(new Variant(name, "the Micronaut server's fat jar through "
                    + "micronaut-function-aws-api-proxy (" + MICRONAUT_HANDLER + ")", unpack(options.serverJar, work.resolve("task-server")),
                    request -> MICRONAUT_HANDLER, true, Map.of(
                        "DATA_DIR", Files.createDirectories(work.resolve("server-data")).toString(),
                        "URL_SIGNING_SECRET", "cold-start-benchmark-url-signing-secret-0123456789",
                        "API_KEYS", ColdStartRequest.API_KEY + "=unlimited"), false));
                case Variant.FLOOR, Variant.FLOOR_CLASS_DATA -> variants.add(new Variant(name, "a handler that returns a constant "
                    + "(ConstantHandler)" + (name.equals(Variant.FLOOR) ? "" : ", with an application class-data archive"),
                    floorTaskRoot(work.resolve("task-floor")), request -> ConstantHandler.class.getName() + "::handleRequest", false,
                    Map.of(), name.equals(Variant.FLOOR_CLASS_DATA)));
                case Variant.BARE_JVM -> variants.add(new Variant(name, "a bare JVM printing a JSON string (PrintJson), no runtime client",
                    floorTaskRoot(work.resolve("task-floor")), request -> "-", false, Map.of(), false));
                default -> throw new IllegalArgumentException("unknown variant '" + name + "'; known: " + Options.ALL_VARIANTS);
            }
        }
        return variants;
    }

    /** Unpacks a deployment package as Lambda does into /var/task (once per harness run). */
    private static Path unpack(Path archive, Path target) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalArgumentException(archive + " does not exist: build it first (mvn -DskipTests package)");
        }
        Path marker = target.resolve(".unpacked-from");
        String identity = archive.toAbsolutePath() + " " + Files.getLastModifiedTime(archive) + " " + Files.size(archive);
        if (Files.exists(marker) && Files.readString(marker).equals(identity)) {
            return target;
        }
        deleteRecursively(target);
        Files.createDirectories(target);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path destination = target.resolve(entry.getName()).normalize();
                if (!destination.startsWith(target)) {
                    throw new IOException("entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(zip, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(marker, identity);
        return target;
    }

    /** A package holding the floor's two classes and nothing else. */
    private static Path floorTaskRoot(Path target) throws IOException {
        for (Class<?> type : List.of(ConstantHandler.class, PrintJson.class)) {
            String file = type.getName().replace('.', '/') + ".class";
            Path destination = target.resolve(file);
            Files.createDirectories(destination.getParent());
            try (InputStream in = ColdStartBenchmark.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException(file + " is not on the class path");
                }
                Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
