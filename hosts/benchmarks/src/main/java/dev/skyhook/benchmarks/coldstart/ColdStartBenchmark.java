package dev.skyhook.benchmarks.coldstart;

import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.testing.Criu;
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
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>Emulated SnapStart (the {@code -snap} variants): once per case the function starts with
 * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}, its client runs the {@code beforeCheckpoint}
 * hooks and waits at {@code restore/next}, and CRIU checkpoints it there; every measured cold start
 * restores a copy of that one checkpoint, which {@code restore/next} lets go on (its
 * {@code afterRestore} hooks run) and which then gets the event: timed from the start of the restore
 * to the first answer.
 */
public final class ColdStartBenchmark {
    static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String MICRONAUT_HANDLER =
            "io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction";
    private static final long ANSWER_TIMEOUT_SECONDS = 60;

    private final Options options;
    private final Map<String, String> backendEnvironment;
    private final List<String> runtimeClassPath;
    private final Set<Path> trainedArchives = new HashSet<>();
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    private final Criu criu;
    private final String dynamoDbEndpoint;

    private ColdStartBenchmark(Options options, Backends backends, List<String> runtimeClassPath, Criu criu) {
        this.options = options;
        this.backendEnvironment = backends.environment();
        this.dynamoDbEndpoint = backends.dynamoDbEndpoint();
        this.runtimeClassPath = runtimeClassPath;
        this.criu = criu;
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
        List<String> runtimeClassPath = Arrays.asList(
                Files.readString(options.runtimeClassPathFile).strip().split(java.io.File.pathSeparator));
        Files.createDirectories(options.workDirectory.resolve("logs"));
        List<Variant> variants = prepareVariants(options);
        List<ColdStartRequest> requests = ColdStartRequest.all().stream()
                .filter(request ->
                        options.requests.isEmpty() || options.requests.stream().anyMatch(request.name()::contains))
                .toList();
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("--requests " + String.join(",", options.requests) + " names none of "
                    + ColdStartRequest.all().stream()
                            .map(ColdStartRequest::name)
                            .toList());
        }
        Criu criu = null;
        if (variants.stream().anyMatch(Variant::snapStart)) {
            criu = switch (Criu.probe()) {
                case Criu.Found found -> found.criu();
                case Criu.Missing missing ->
                    throw new IllegalArgumentException(
                            "the restored variants need CRIU: " + missing.reason() + "; leave them out of --variants");
            };
            System.out.println("restoring with " + criu.binary());
        }
        Backends backends = Backends.start();
        ColdStartBenchmark benchmark = new ColdStartBenchmark(options, backends, runtimeClassPath, criu);
        Report report;
        try {
            report = benchmark.measureAll(variants, requests);
        } finally {
            benchmark.closeSnapshots();
        }
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
                    System.out.printf(
                            "%-14s %-10s %-18s FAILED: %s%n",
                            round, measured.variant().name(), measured.request().name(), e.getMessage());
                    if (run >= 0) {
                        report.fail(measured, e.getMessage().lines().findFirst().orElse("failed"));
                    }
                    keepLogOfFailure(measured, run);
                    continue;
                }
                System.out.printf(
                        "%-14s %-16s %-18s cold %7.1f ms (init %7.1f ms%s; CPU %5.0f ms, init %5.0f ms)%s%n",
                        round,
                        measured.variant().name(),
                        measured.variant().perRequest() ? measured.request().name() : "-",
                        measurement.coldMillis(),
                        measurement.initMillis(),
                        Double.isNaN(measurement.restoreMillis())
                                ? ""
                                : String.format(", restore/next %.1f ms", measurement.restoreMillis()),
                        measurement.cpuMillis(),
                        measurement.initCpuMillis(),
                        measurement.warmMillis().isEmpty()
                                ? ""
                                : String.format(
                                        "  warm median %.2f ms", Report.percentile(measurement.warmMillis(), 50)));
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
     * @param initMillis from process start (or the start of the restore) to the client's first poll for
     *     an event (NaN for the bare JVM and node)
     * @param initCpuMillis CPU time the process used up to its first poll, all threads (NaN for the bare JVM and node)
     * @param cpuMillis CPU time the process used up to its first answer, all threads: less sensitive than
     *     wall time to other work on the machine (NaN for the bare JVM and node; for a restore, since the
     *     restore, CRIU's own time not included)
     * @param restoreMillis from the start of the restore to the restored client's {@code restore/next}
     *     call, before its {@code afterRestore} hooks (NaN unless restored)
     */
    record Measurement(
            double coldMillis,
            double initMillis,
            double initCpuMillis,
            double cpuMillis,
            List<Double> warmMillis,
            double restoreMillis) {}

    private static double cpuMillis(ProcessHandle process) {
        return process.info()
                .totalCpuDuration()
                .map(duration -> duration.toNanos() / 1_000_000.0)
                .orElse(Double.NaN);
    }

    private Path log(Case measured) {
        return options.workDirectory.resolve("logs").resolve(measured.key().replaceAll("[^A-Za-z0-9]+", "-") + ".log");
    }

    /** The next run overwrites the case's log; a failure's is kept beside it. */
    private void keepLogOfFailure(Case measured, int run) throws IOException {
        Path log = log(measured);
        if (Files.exists(log)) {
            Files.copy(
                    log,
                    log.resolveSibling(
                            log.getFileName().toString().replace(".log", "-failed-run-" + (run + 1) + ".log")),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Measurement measure(Case measured, int warmInvokes) throws Exception {
        Variant variant = measured.variant();
        Path log = log(measured);
        if (variant.isBareJvm()) {
            return bareJvm(variant, log);
        }
        if (variant.isNode()) {
            return wildRydesNode(variant, log);
        }
        if (variant.snapStart()) {
            return restored(measured, warmInvokes, log);
        }
        List<String> classData = variant.applicationClassData()
                ? List.of("-XX:SharedArchiveFile=" + trainedArchive(measured), "-Xshare:on")
                : List.of();
        try (LoopbackRuntimeApi runtime = new LoopbackRuntimeApi()) {
            long started = System.nanoTime();
            Process function = startFunction(measured, runtime, options.jvmFlags, classData, log);
            try {
                return invokeColdThenWarm(
                        measured, runtime, function.toHandle(), started, log, warmInvokes, Double.NaN);
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
        Path archive = options.workDirectory
                .resolve("class-data")
                .resolve(measured.key().replaceAll("[^A-Za-z0-9]+", "-") + ".jsa");
        if (trainedArchives.add(archive)) {
            Files.createDirectories(archive.getParent());
            Files.deleteIfExists(archive);
            Path log = archive.resolveSibling(archive.getFileName() + ".log");
            Process function;
            try (LoopbackRuntimeApi runtime = new LoopbackRuntimeApi()) {
                function = startFunction(
                        measured, runtime, options.jvmFlags, List.of("-XX:ArchiveClassesAtExit=" + archive), log);
                invokeColdThenWarm(
                        measured,
                        runtime,
                        function.toHandle(),
                        System.nanoTime(),
                        log,
                        options.warmInvokes,
                        Double.NaN);
            }
            if (!function.waitFor(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                function.destroyForcibly();
            }
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException(
                        "the training run wrote no class-data archive " + archive + "\n" + tail(log));
            }
        }
        return archive;
    }

    private Process startFunction(
            Case measured, LoopbackRuntimeApi runtime, List<String> runtimeFlags, List<String> extraFlags, Path log)
            throws IOException {
        Variant variant = measured.variant();
        List<String> command = new ArrayList<>();
        if (variant.snapStart()) {
            // A session of its own and no terminal, so that CRIU can checkpoint and restore it alone.
            command.add("setsid");
        }
        command.add(javaExecutable());
        // The runtime client loads its JNI library with System.load; without this JDK 24+ warns on stderr.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(runtimeFlags);
        // The memory the JVM sees in Lambda's sandbox is the function's: its initial heap (1/64) and
        // other ergonomics follow from it, not from this machine's RAM. With this machine's 24 GiB the
        // initial heap was 384 MB, and a snapshot carried 90 MB of touched, empty young generation.
        command.add("-XX:MaxRAM=" + options.memoryMegabytes + "m");
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, runtimeClassPath), RUNTIME_CLIENT));
        String handler = variant.handler().apply(measured.request());
        command.add(handler);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(variant.taskRoot().toFile())
                // No pipe to this process: a checkpoint could not take one along.
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(lambdaEnvironment(runtime.address(), handler, variant));
        return builder.start();
    }

    private Measurement invokeColdThenWarm(
            Case measured,
            LoopbackRuntimeApi runtime,
            ProcessHandle function,
            long started,
            Path log,
            int warmInvokes,
            double restoreMillis)
            throws InterruptedException {
        // The event is queued once the client asks for it, so that the CPU time of init and of the first
        // invocation can be read apart while the child waits, idle, on invocation/next.
        long initDone = await(runtime.firstPoll(), function, log);
        double initCpuMillis = cpuMillis(function);
        long queued = System.nanoTime();
        LoopbackRuntimeApi.Answer answer = await(
                runtime.invoke(UUID.randomUUID().toString(), measured.request().eventJson()), function, log);
        double cpuMillis = cpuMillis(function);
        check(measured, answer.body(), log);
        // Lambda hands the first event over as soon as init is done: the harness's own hand-over is not counted.
        long coldNanos = answer.receivedNanos() - started - (queued - initDone);
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < warmInvokes; i++) {
            long sent = System.nanoTime();
            LoopbackRuntimeApi.Answer warmAnswer = await(
                    runtime.invoke(
                            UUID.randomUUID().toString(), measured.request().eventJson()),
                    function,
                    log);
            warm.add(millis(warmAnswer.receivedNanos() - sent));
            check(measured, warmAnswer.body(), log);
        }
        return new Measurement(
                millis(coldNanos), millis(initDone - started), initCpuMillis, cpuMillis, warm, restoreMillis);
    }

    /** A case's checkpoint: the process waiting at restore/next, on the Runtime API that its restored copies reach. */
    private record Snapshot(
            LoopbackRuntimeApi runtime,
            Path images,
            long pid,
            Path logAtCheckpoint,
            Path classLoadLog,
            Path classLoadLogAtCheckpoint) {}

    /**
     * Starts the function as a SnapStart version's init runs it, and checkpoints it where Lambda
     * takes the snapshot: its client has run the beforeCheckpoint hooks and waits at restore/next.
     */
    private Snapshot snapshot(Case measured, Path log) throws Exception {
        Path directory = options.workDirectory
                .resolve("snapshots")
                .resolve(measured.key().replaceAll("[^A-Za-z0-9]+", "-"));
        deleteRecursively(directory);
        Path images = Files.createDirectories(directory.resolve("images"));
        LoopbackRuntimeApi runtime = new LoopbackRuntimeApi();
        try {
            Path classLoadLog = directory.resolve("class-load.log");
            List<String> recording = recordsClasses(measured)
                    ? List.of("-Xlog:class+load=info:file=" + classLoadLog + ":uptime,level,tags:filecount=0")
                    : List.of();
            long started = System.nanoTime();
            Process function = startFunction(measured, runtime, options.snapStartJvmFlags(), recording, log);
            try {
                long ready = await(runtime.snapshotPoint(), function.toHandle(), log);
                System.out.printf(
                        "%-14s %-16s %-18s init and beforeCheckpoint %.1f ms; checkpointing pid %d%n",
                        "snapshot",
                        measured.variant().name(),
                        measured.variant().perRequest() ? measured.request().name() : "-",
                        millis(ready - started),
                        function.pid());
                // What the snapshot holds, mapping by mapping (docs/cold-start.md reads it to explain sizes).
                Files.copy(Path.of("/proc", Long.toString(function.pid()), "smaps"), directory.resolve("smaps"));
                criu.dump(function.pid(), images);
                // Reaped, so that its pid is free for the restored copies, which keep it.
                function.waitFor(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } finally {
                function.destroyForcibly();
            }
            runtime.snapshotTaken();
            // Every copy starts from the log as it was at the checkpoint: CRIU restores the open file at that size.
            Path logAtCheckpoint = directory.resolve("function-at-checkpoint.log");
            Files.copy(log, logAtCheckpoint, StandardCopyOption.REPLACE_EXISTING);
            Path classLoadLogAtCheckpoint = directory.resolve("class-load-at-checkpoint.log");
            if (!recording.isEmpty()) {
                Files.copy(classLoadLog, classLoadLogAtCheckpoint, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Snapshot(
                    runtime,
                    images,
                    function.pid(),
                    logAtCheckpoint,
                    recording.isEmpty() ? null : classLoadLog,
                    classLoadLogAtCheckpoint);
        } catch (Exception e) {
            runtime.close();
            throw e;
        }
    }

    /** One emulated SnapStart cold start: a copy of the case's checkpoint restored, let go at restore/next, given the event. */
    private Measurement restored(Case measured, int warmInvokes, Path log) throws Exception {
        if (!snapshots.containsKey(measured.key())) {
            snapshots.put(measured.key(), snapshot(measured, log));
        }
        Snapshot snapshot = snapshots.get(measured.key());
        LoopbackRuntimeApi runtime = snapshot.runtime();
        runtime.newEnvironment();
        Files.copy(snapshot.logAtCheckpoint(), log, StandardCopyOption.REPLACE_EXISTING);
        if (snapshot.classLoadLog() != null) {
            Files.copy(
                    snapshot.classLoadLogAtCheckpoint(), snapshot.classLoadLog(), StandardCopyOption.REPLACE_EXISTING);
        }
        Path restoreLog = snapshot.images().resolveSibling("restore.log");
        long started = System.nanoTime();
        Process restore = measured.variant().lazyRestore()
                ? criu.restoreLazily(snapshot.images(), restoreLog)
                : criu.restore(snapshot.images(), restoreLog);
        try {
            long restoreNext;
            try {
                restoreNext = await(runtime.restoreNext(), restore.toHandle(), log);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "\ncriu restore:\n" + Criu.tail(restoreLog), e);
            }
            ProcessHandle function = ProcessHandle.of(snapshot.pid())
                    .orElseThrow(() -> new IllegalStateException(
                            "the restored process " + snapshot.pid() + " is gone\n" + tail(log)));
            Measurement measurement = invokeColdThenWarm(
                    measured, runtime, function, started, log, warmInvokes, millis(restoreNext - started));
            if (snapshot.classLoadLog() != null) {
                recordClasses(measured, snapshot);
            }
            return measurement;
        } finally {
            ProcessHandle.of(snapshot.pid()).ifPresent(ProcessHandle::destroyForcibly);
            // CRIU waits for the copy it restored and reaps it: its pid is free for the next copy.
            if (!restore.waitFor(10, TimeUnit.SECONDS)) {
                restore.destroyForcibly();
            }
        }
    }

    private boolean recordsClasses(Case measured) {
        return options.recordClasses != null && measured.variant().name().equals(Variant.DAGGER_SNAP_START);
    }

    /**
     * Adds to {@code <Handler>.classes} the classes this restored copy loaded, in order, from the
     * JVM's class+load log past its size at the checkpoint: what priming could have loaded before
     * it. Hidden classes (lambdas, method handles) have no name to load and are left out.
     */
    private void recordClasses(Case measured, Snapshot snapshot) throws IOException {
        long atCheckpoint =
                Files.readAllLines(snapshot.classLoadLogAtCheckpoint()).size();
        String handler = measured.variant().handler().apply(measured.request());
        String simpleName = handler.substring(handler.lastIndexOf('.') + 1, handler.indexOf("::"));
        Path list = Files.createDirectories(options.recordClasses).resolve(simpleName + ".classes");
        java.util.LinkedHashSet<String> classes =
                new java.util.LinkedHashSet<>(Files.exists(list) ? Files.readAllLines(list) : List.of());
        try (Stream<String> lines = Files.lines(snapshot.classLoadLog())) {
            lines.skip(atCheckpoint)
                    .map(ColdStartBenchmark::loadedClass)
                    .filter(name -> !name.isEmpty())
                    .forEach(classes::add);
        }
        Files.write(list, classes);
    }

    /** {@code [0.512s][info][class,load] java.lang.Foo source: jrt:/java.base}: the class's name, or "" for a hidden class. */
    static String loadedClass(String line) {
        int start = line.indexOf("] ", line.indexOf("[class,load]"));
        int end = line.indexOf(" source: ");
        if (start < 0 || end < 0 || end <= start) {
            return "";
        }
        String name = line.substring(start + 2, end).strip();
        return name.contains("/") || name.contains("$$Lambda") || name.contains("$$") ? "" : name;
    }

    void closeSnapshots() throws InterruptedException {
        for (Snapshot snapshot : snapshots.values()) {
            snapshot.runtime().close();
        }
    }

    /**
     * The original Wild Rydes function's cold start, as measured beside Lambda's own: a fresh
     * {@code node invoke_once.js} (loads aws-sdk and requestUnicorn.js, invokes the handler with the
     * booking event, reports on stderr), from starting the process to its first answer, on the same
     * DynamoDB Local as the Java functions.
     */
    private Measurement wildRydesNode(Variant variant, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "invoke_once.js")
                .directory(variant.taskRoot().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("AWS_REGION", "us-east-1");
        env.put("DDB_ENDPOINT", dynamoDbEndpoint);
        env.put("AWS_NODEJS_CONNECTION_REUSE_ENABLED", "0");
        env.put("AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE", "1");
        long started = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            for (String line; (line = err.readLine()) != null; ) {
                if (line.startsWith("RESPONSE ")) {
                    long answered = System.nanoTime();
                    Object status = Json.parse(line.substring("RESPONSE ".length())) instanceof Map<?, ?> map
                            ? map.get("statusCode")
                            : null;
                    if (!(status instanceof Number number) || number.intValue() != 201) {
                        throw new IllegalStateException("the Wild Rydes function answered " + line);
                    }
                    return new Measurement(
                            millis(answered - started), Double.NaN, Double.NaN, Double.NaN, List.of(), Double.NaN);
                }
                seen.append(line).append('\n');
            }
            throw new IllegalStateException("the Wild Rydes function gave no answer:\n" + seen);
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Measurement bareJvm(Variant variant, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(options.jvmFlags);
        command.addAll(List.of("-cp", ".", PrintJson.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(variant.taskRoot().toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(lambdaEnvironment("-", "-", variant));
        long started = System.nanoTime();
        Process process = builder.start();
        String line;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
            return new Measurement(
                    millis(printed - started), Double.NaN, Double.NaN, Double.NaN, List.of(), Double.NaN);
        }
    }

    /** What Lambda's java25 runtime sets for a function, plus the backends' and the variant's own settings. */
    private Map<String, String> lambdaEnvironment(String runtimeApi, String handler, Variant variant) {
        Map<String, String> env = LambdaEnvironment.of(
                "skyhook-cold-start-" + variant.name(),
                variant.taskRoot(),
                handler,
                runtimeApi,
                options.memoryMegabytes,
                variant.snapStart());
        if (!options.javaToolOptions.isBlank()) {
            env.put("JAVA_TOOL_OPTIONS", options.javaToolOptions);
        }
        env.putAll(backendEnvironment);
        env.putAll(variant.environment());
        return env;
    }

    private static <T> T await(CompletableFuture<T> answer, ProcessHandle function, Path log)
            throws InterruptedException {
        try {
            return answer.get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() + "\n" + tail(log), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer in " + ANSWER_TIMEOUT_SECONDS + " s (process "
                    + (function.isAlive() ? "alive" : "exited") + ")\n" + tail(log));
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
        if (!(status instanceof Number number)
                || number.intValue() != request.expectedStatus()
                || !(body instanceof String text)
                || !text.contains(request.expectedInBody())) {
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
        String perFunction =
                "the Lambda host, one function per route family (HelloHandler, UsersHandler, RidesHandler, ImagesHandler)";
        String constant = "a handler that returns a constant (ConstantHandler)";
        String restored = ", restored from a checkpoint taken at restore/next (emulated SnapStart)";
        String lazily = ", each page copied when first touched";
        List<Variant> variants = new ArrayList<>();
        for (String name : options.variants) {
            switch (name) {
                case Variant.DAGGER, Variant.DAGGER_CLASS_DATA ->
                    variants.add(new Variant(
                            name,
                            perFunction
                                    + (name.equals(Variant.DAGGER) ? "" : ", with an application class-data archive"),
                            unpack(options.lambdaZip, work.resolve("task-lambda")),
                            ColdStartRequest::function,
                            true,
                            Map.of(),
                            name.equals(Variant.DAGGER_CLASS_DATA),
                            false));
                case Variant.DAGGER_SNAP_START, Variant.DAGGER_SNAP_START_LAZY ->
                    variants.add(new Variant(
                            name,
                            perFunction + restored + (name.equals(Variant.DAGGER_SNAP_START) ? "" : lazily),
                            unpack(options.lambdaZip, work.resolve("task-lambda")),
                            ColdStartRequest::function,
                            true,
                            Map.of(),
                            false,
                            true));
                case Variant.DAGGER_SNAP_START_BASELINE ->
                    variants.add(new Variant(
                            name,
                            perFunction + " from " + options.baselineZip + restored,
                            unpack(options.baselineZip, work.resolve("task-lambda-baseline")),
                            ColdStartRequest::function,
                            true,
                            Map.of(),
                            false,
                            true));
                case Variant.DAGGER_ALL_ROUTES ->
                    variants.add(new Variant(
                            name,
                            "the Lambda host, every route in one function " + "(ApiHandler)",
                            unpack(options.lambdaZip, work.resolve("task-lambda")),
                            request -> "dev.skyhook.hosts.lambda.ApiHandler::handleRequest",
                            true,
                            Map.of(),
                            false,
                            false));
                case Variant.MICRONAUT ->
                    variants.add(new Variant(
                            name,
                            "the Micronaut server's fat jar through " + "micronaut-function-aws-api-proxy ("
                                    + MICRONAUT_HANDLER + ")",
                            unpack(options.serverJar, work.resolve("task-server")),
                            request -> MICRONAUT_HANDLER,
                            true,
                            Map.of(
                                    "DATA_DIR",
                                    Files.createDirectories(work.resolve("server-data"))
                                            .toString(),
                                    "URL_SIGNING_SECRET",
                                    "cold-start-benchmark-url-signing-secret-0123456789",
                                    "API_KEYS",
                                    ColdStartRequest.API_KEY + "=unlimited"),
                            false,
                            false));
                case Variant.FLOOR, Variant.FLOOR_CLASS_DATA ->
                    variants.add(new Variant(
                            name,
                            constant + (name.equals(Variant.FLOOR) ? "" : ", with an application class-data archive"),
                            floorTaskRoot(work.resolve("task-floor")),
                            request -> ConstantHandler.class.getName() + "::handleRequest",
                            false,
                            Map.of(),
                            name.equals(Variant.FLOOR_CLASS_DATA),
                            false));
                case Variant.FLOOR_SNAP_START, Variant.FLOOR_SNAP_START_LAZY ->
                    variants.add(new Variant(
                            name,
                            constant + restored + (name.equals(Variant.FLOOR_SNAP_START) ? "" : lazily),
                            floorTaskRoot(work.resolve("task-floor")),
                            request -> ConstantHandler.class.getName() + "::handleRequest",
                            false,
                            Map.of(),
                            false,
                            true));
                case Variant.BARE_JVM ->
                    variants.add(new Variant(
                            name,
                            "a bare JVM printing a JSON string (PrintJson), no runtime client",
                            floorTaskRoot(work.resolve("task-floor")),
                            request -> "-",
                            false,
                            Map.of(),
                            false,
                            false));
                case Variant.WILD_RYDES_NODE ->
                    variants.add(new Variant(
                            name,
                            "the original Wild Rydes function (requestUnicorn.js, "
                                    + "Node.js, aws-sdk v2) from process start to its first answer, as node invoke_once.js",
                            wildRydes(options.wildRydes),
                            request -> "-",
                            false,
                            Map.of(),
                            false,
                            false));
                default ->
                    throw new IllegalArgumentException(
                            "unknown variant '" + name + "'; known: " + Options.ALL_VARIANTS);
            }
        }
        return variants;
    }

    private static Path wildRydes(Path directory) {
        for (String needed : List.of("requestUnicorn.js", "invoke_once.js", "local-env.js", "node_modules/aws-sdk")) {
            if (!Files.exists(directory.resolve(needed))) {
                throw new IllegalArgumentException("--wildrydes " + directory + " has no " + needed);
            }
        }
        return directory.toAbsolutePath();
    }

    /** Unpacks a deployment package as Lambda does into /var/task (once per harness run). */
    static Path unpack(Path archive, Path target) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalArgumentException(archive + " does not exist: build it first (mvn -DskipTests package)");
        }
        Path marker = target.resolve(".unpacked-from");
        String identity =
                archive.toAbsolutePath() + " " + Files.getLastModifiedTime(archive) + " " + Files.size(archive);
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

    static void deleteRecursively(Path directory) throws IOException {
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
