package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.rds.MySqlDatabase;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import dev.skyhook.adapters.aws.testing.S3TestBucket;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.testing.AotCacheTraining;
import dev.skyhook.hosts.lambda.testing.LoopbackRuntimeApi;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The container image without a Docker engine: the Dockerfile's instructions are read, its COPY
 * sources taken from what {@code mvn package} produced and laid out as the image would hold them
 * (under {@code /var/task}), the AOT cache trained as its build step trains it (stores out of reach),
 * and the CMD handler run through the image's ENTRYPOINT, which requires the cache, under the real
 * Runtime Interface Client against MySQL, S3 and DynamoDB servers: the trimmed dependency set is
 * proven by use, not only by loading, and the cache by the JVM accepting it.
 */
class DockerfileIT {
    private static final String TASK_ROOT_VARIABLE = "${LAMBDA_TASK_ROOT}";

    record Instruction(String keyword, String arguments) {}

    @TempDir
    static Path taskRoot;

    @TempDir
    static Path unpackedZip;

    private static Path context;
    private static List<Instruction> instructions;

    @BeforeAll
    static void layOutTheImage() throws IOException {
        Path dockerfile = Path.of(System.getProperty("lambda.dockerfile", "Dockerfile"));
        context = dockerfile.toAbsolutePath().getParent();
        instructions = parse(Files.readString(dockerfile));
        for (Instruction copy : all("COPY")) {
            List<String> words = words(copy.arguments());
            String destination = words.get(words.size() - 1);
            assertThat(destination).as("COPY destination").startsWith(TASK_ROOT_VARIABLE);
            Path target = taskRoot.resolve(
                    destination.substring(TASK_ROOT_VARIABLE.length()).replaceFirst("^/", ""));
            for (String source : words.subList(0, words.size() - 1)) {
                copyAsDockerDoes(context.resolve(source), target);
            }
        }
        LambdaZip.unpack(LambdaZip.built(), unpackedZip);
    }

    @Test
    void buildsOnTheLambdaJavaBaseImageOfTheTemplatesRuntime() throws IOException {
        Map<String, Object> template;
        try (Reader reader = Files.newBufferedReader(Path.of(System.getProperty("sam.template", "template.yaml")))) {
            template = new Yaml().load(reader);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> function =
                (Map<String, Object>) ((Map<String, Object>) template.get("Globals")).get("Function");
        String runtime = (String) function.get("Runtime");

        assertThat(all("FROM"))
                .singleElement()
                .extracting(Instruction::arguments)
                .isEqualTo("public.ecr.aws/lambda/java:" + runtime.substring("java".length()));
    }

    @Test
    void everyCopyAndMountSourceExistsAfterPackageAndIsInTheBuildContext() throws IOException {
        List<String> ignored = Files.readAllLines(context.resolve(".dockerignore")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        List<String> sources = new ArrayList<>();
        for (Instruction copy : all("COPY")) {
            List<String> words = words(copy.arguments());
            sources.addAll(words.subList(0, words.size() - 1));
        }
        for (Instruction run : all("RUN")) {
            java.util.regex.Matcher mount = java.util.regex.Pattern.compile("--mount=type=bind,source=([^,\\s]+)")
                    .matcher(run.arguments());
            while (mount.find()) {
                sources.add(mount.group(1));
            }
        }

        assertThat(all("COPY")).isNotEmpty();
        assertThat(sources).as("the training run's bind mount").anyMatch(source -> source.contains("training"));
        // .dockerignore excludes everything, then lets the sources' folders back in.
        assertThat(ignored).as(".dockerignore").startsWith("*");
        for (String source : sources) {
            assertThat(context.resolve(source)).as("source " + source).exists();
            assertThat(ignored)
                    .as(".dockerignore lets " + source + " in")
                    .anyMatch(line -> line.startsWith("!") && source.startsWith(line.substring(1)));
        }
    }

    @Test
    void theImageHoldsWhatTheDeploymentZipHoldsWithTheClassesInOneJar() throws IOException {
        List<String> zipJars = files(unpackedZip).stream()
                .filter(file -> file.startsWith("lib/"))
                .toList();
        List<String> zipRest = files(unpackedZip).stream()
                .filter(file -> !file.startsWith("lib/") && !file.startsWith("META-INF/"))
                .toList();
        List<String> zipOwn = zipRest.stream()
                .filter(file -> file.endsWith(".class") || file.startsWith("dev/"))
                .toList();
        List<String> besideTheCode =
                zipRest.stream().filter(file -> !zipOwn.contains(file)).toList(); // libvips, licences
        List<String> imageJars = files(taskRoot.resolve("lib")).stream()
                .map(file -> "lib/" + file)
                .toList();
        List<String> ownJars =
                imageJars.stream().filter(jar -> !zipJars.contains(jar)).toList();

        assertThat(imageJars).containsAll(zipJars);
        assertThat(ownJars).singleElement().asString().startsWith("lib/skyhook-lambda-");
        List<String> ownJarEntries;
        try (java.util.jar.JarFile jar =
                new java.util.jar.JarFile(taskRoot.resolve(ownJars.get(0)).toFile())) {
            ownJarEntries = jar.stream()
                    .filter(entry -> !entry.isDirectory() && !entry.getName().startsWith("META-INF/"))
                    .map(java.util.jar.JarEntry::getName)
                    .sorted()
                    .toList();
        }
        assertThat(ownJarEntries).isNotEmpty().isEqualTo(zipOwn);
        assertThat(besideTheCode)
                .isNotEmpty()
                .allSatisfy(file -> assertThat(taskRoot.resolve(file)).isRegularFile());
        assertThat(taskRoot.resolve("bin/skyhook-function")).isExecutable();
    }

    @Test
    void theCmdHandlerLoadsFromTheCopiedPathsAlone() throws Exception {
        String[] handler = cmdHandler().split("::");

        LambdaZip.assertHandlerLoads(taskRoot, handler[0], handler[1]);
    }

    @Test
    void theEntryPointServesEveryStoreWithTheCacheTheBuildTrained() throws Exception {
        // What the base image holds beside /var/task: its JDK (here this one) and the runtime client's jars.
        String runtimeClassPath = Stream.of(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> {
                    String name = Path.of(entry).getFileName().toString();
                    return name.startsWith("aws-lambda-java-runtime-interface-client-")
                            || name.startsWith("aws-lambda-java-serialization-")
                            || name.startsWith("aws-lambda-java-core-");
                })
                .collect(Collectors.joining(File.pathSeparator));
        Map<String, String> image = Map.of(
                "JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "LAMBDA_RUNTIME_CLASS_PATH",
                runtimeClassPath,
                "LAMBDA_TASK_ROOT",
                taskRoot.toString(),
                "AWS_REGION",
                "us-east-1");
        Path entryPoint = taskRoot.resolve(entryPoint());
        Path cache = taskRoot.resolve("skyhook.aot");
        // The build's training run, stores out of reach (one round instead of the build's three).
        Map<String, String> unreachable = new java.util.HashMap<>(image);
        unreachable.putAll(Map.of(
                "DB_HOST",
                "127.0.0.1",
                "DB_PORT",
                "9",
                "DB_USER",
                "t",
                "DB_PASS",
                "t",
                "DB_NAME",
                "t",
                "BUCKET_NAME",
                "training",
                "S3_ENDPOINT",
                "http://127.0.0.1:9",
                "DYNAMODB_ENDPOINT",
                "http://127.0.0.1:9",
                "AWS_ACCESS_KEY_ID",
                "training",
                "AWS_SECRET_ACCESS_KEY",
                "training"));
        // The build's list of classes only answered requests load, mounted where the build mounts the training folder.
        Path trainingClasses = context.resolve("target/skyhook-lambda-image/training/aot-training.classes");
        assertThat(trainingClasses).isRegularFile();
        assertThat(all("RUN"))
                .anyMatch(run ->
                        run.arguments().contains("SKYHOOK_AOT_TRAINING_CLASSES=/tmp/aot-training/aot-training.classes")
                                && run.arguments().contains("target=/tmp/aot-training"));
        unreachable.put("SKYHOOK_AOT_TRAINING_CLASSES", trainingClasses.toString());
        List<Path> events;
        try (Stream<Path> files = Files.list(context.resolve("target/skyhook-lambda-image/training/events"))) {
            events = files.sorted().toList();
        }
        AotCacheTraining.train(entryPoint, cache, cmdHandler(), 1, events, unreachable);
        assertThat(cache).isRegularFile();

        Path log = Files.createDirectories(Path.of("target", "ric")).resolve("container-image.log");
        MySqlSettings database = MariaDbServer.shared().createDatabase("image");
        try (HikariDataSource dataSource = MySqlDatabase.pool(database)) {
            DatabaseMigrations.migrate(dataSource);
        }
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("image");
        RideTables rides = RideTables.create();

        try (LoopbackRuntimeApi runtime = new LoopbackRuntimeApi()) {
            ProcessBuilder builder = new ProcessBuilder(entryPoint.toString(), cmdHandler())
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.putAll(image);
            // The JVM refuses to start unless it can use the cache.
            environment.put("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on");
            environment.put("AWS_LAMBDA_RUNTIME_API", runtime.address());
            environment.put("AWS_LAMBDA_FUNCTION_NAME", "skyhook-image");
            environment.put("LOG_LEVEL", "INFO");
            environment.putAll(Map.of(
                    "DB_HOST",
                    database.host(),
                    "DB_PORT",
                    Integer.toString(database.port()),
                    "DB_USER",
                    database.user(),
                    "DB_PASS",
                    database.password(),
                    "DB_NAME",
                    database.database()));
            environment.putAll(Map.of(
                    "BUCKET_NAME",
                    bucket.settings().bucket(),
                    "S3_ENDPOINT",
                    bucket.settings().endpoint().orElseThrow().toString(),
                    "AWS_ACCESS_KEY_ID",
                    S3ProxyServer.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY",
                    S3ProxyServer.SECRET_KEY));
            environment.putAll(Map.of(
                    "DYNAMODB_ENDPOINT",
                    rides.settings().endpoint().orElseThrow().toString(),
                    "RIDES_TABLE",
                    rides.settings().ridesTable(),
                    "RIDE_REQUESTS_TABLE",
                    rides.settings().rideRequestsTable()));
            Process function = builder.start();
            try {
                Map<String, Object> hello = invoke(runtime, """
                    {"resource":"/hello","path":"/hello","httpMethod":"GET","requestContext":{"identity":{}}}""");
                assertThat(hello.get("statusCode")).isEqualTo(200);
                assertThat(Json.parse((String) hello.get("body"))).isEqualTo("Hello from Lambda!");

                // Behind a Function URL or an HTTP API nobody checked a key, and the image has none of its own.
                Map<String, Object> upload = invoke(runtime, """
                    {"version":"2.0","rawPath":"/images/post","rawQueryString":"","headers":{"content-type":"multipart/form-data; boundary=b"},
                     "requestContext":{"http":{"method":"POST","path":"/images/post","protocol":"HTTP/1.1","sourceIp":"203.0.113.7"},
                     "stage":"$default"},"body":"--b--\\r\\n","isBase64Encoded":false}""");
                assertThat(upload.get("statusCode"))
                        .as("a payload 2.0 upload without a key")
                        .isEqualTo(403);

                Map<String, Object> user = invoke(runtime, """
                    {"resource":"/users","path":"/users","httpMethod":"POST","headers":{"Content-Type":"application/json"},
                     "requestContext":{"identity":{}},"body":"{\\"name\\":\\"Image\\",\\"age\\":3}"}""");
                assertThat(user.get("statusCode")).as("POST /users on MySQL").isEqualTo(201);

                String multipart = "--b\r\nContent-Disposition: form-data; name=\"filename\"\r\n\r\nimage.txt\r\n"
                        + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"image.txt\"\r\n"
                        + "Content-Type: text/plain\r\n\r\nfrom the image\r\n--b--\r\n";
                Map<String, Object> stored = invoke(runtime, """
                    {"resource":"/files","path":"/files","httpMethod":"POST",
                     "headers":{"Content-Type":"multipart/form-data; boundary=b"},
                     "requestContext":{"identity":{},"authorizer":{"claims":{"cognito:username":"image-user"}}},"body":%s}""".formatted(Json.writeString(multipart)));
                assertThat(stored.get("statusCode")).as("POST /files on S3").isEqualTo(200);

                Map<String, Object> ride = invoke(
                        runtime,
                        Files.readString(Path.of("src/test/resources/events/rest-v1/wild-rydes-request-unicorn.json")));
                assertThat(ride.get("statusCode")).as("POST /ride on DynamoDB").isEqualTo(201);
                assertThat(rides.rideCount()).isEqualTo(1);
            } finally {
                // The client blocks on invocation/next forever, as in Lambda.
                function.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // What CloudWatch Logs would hold: JSON lines only, each with a request id ("-" during init).
            List<String> lines = Files.readAllLines(log).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                    .toList();
            assertThat(lines)
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(Json.parse(line))
                            .as(line)
                            .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                            .containsKey("requestId"));
            assertThat(lines).anyMatch(line -> line.contains("\"ColdStart\":1"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> invoke(LoopbackRuntimeApi runtime, String event) throws Exception {
        // A failed init fails the answer at once (with the client's report) instead of waiting out the timeout.
        String answer = runtime.invoke(UUID.randomUUID().toString(), event)
                .get(60, TimeUnit.SECONDS)
                .body();
        assertThat(runtime.firstPoll()).as("init error").isNotCompletedExceptionally();
        return (Map<String, Object>) Json.parse(answer);
    }

    private static String cmdHandler() {
        Instruction cmd = all("CMD").get(all("CMD").size() - 1);
        // Exec form only: the base image's entry point takes the handler as its one argument.
        Object parsed = Json.parse(cmd.arguments());
        assertThat(parsed)
                .as("CMD in exec (JSON array) form")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(1);
        String handler = (String) ((List<?>) parsed).get(0);
        assertThat(handler).as("CMD handler").contains("::");
        return handler;
    }

    /** The ENTRYPOINT's program, as a path inside the task root. */
    private static String entryPoint() {
        Object parsed =
                Json.parse(all("ENTRYPOINT").get(all("ENTRYPOINT").size() - 1).arguments());
        assertThat(parsed)
                .as("ENTRYPOINT in exec form")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(1);
        String program = (String) ((List<?>) parsed).get(0);
        assertThat(program).as("ENTRYPOINT").startsWith("/var/task/");
        return program.substring("/var/task/".length());
    }

    private static List<Instruction> all(String keyword) {
        return instructions.stream()
                .filter(instruction -> instruction.keyword().equals(keyword))
                .toList();
    }

    /** Instructions with continuation lines joined and comments dropped, keywords upper-cased. */
    static List<Instruction> parse(String dockerfile) {
        List<Instruction> parsed = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String stripped = line.strip();
            if (pending.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                pending.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            pending.append(stripped);
            String[] parts = pending.toString().strip().split("\\s+", 2);
            parsed.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""));
            pending.setLength(0);
        }
        return parsed;
    }

    /** COPY's sources and destination, without flags such as {@code --chown}; JSON form too. */
    private static List<String> words(String arguments) {
        List<String> words = arguments.startsWith("[")
                ? ((List<?>) Json.parse(arguments))
                        .stream().map(String.class::cast).toList()
                : List.of(arguments.split("\\s+"));
        List<String> withoutFlags =
                words.stream().filter(word -> !word.startsWith("--")).toList();
        assertThat(withoutFlags).as("COPY " + arguments).hasSizeGreaterThanOrEqualTo(2);
        return withoutFlags;
    }

    /** A directory source's contents go into the destination; a file source goes into it by name. */
    private static void copyAsDockerDoes(Path source, Path destination) throws IOException {
        assertThat(source).as("COPY source (run mvn package first)").exists();
        if (Files.isDirectory(source)) {
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    Path target = destination.resolve(source.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } else {
            Files.createDirectories(destination);
            Files.copy(
                    source,
                    destination.resolve(source.getFileName().toString()),
                    java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString())
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
