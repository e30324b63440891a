package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.rds.MySqlDatabase;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.s3.S3Clients;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.adapters.aws.testing.S3ProxyServer;
import dev.skyhook.adapters.aws.testing.S3TestBucket;
import dev.skyhook.adapters.local.jdbc.DatabaseMigrations;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.metrics.EmfLines;
import dev.skyhook.hosts.lambda.testing.Criu;
import dev.skyhook.hosts.lambda.testing.LoopbackRuntimeApi;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emulated SnapStart with CRIU: the every-route function started as a SnapStart version's init runs
 * it (its client runs the beforeCheckpoint hooks and waits at restore/next), checkpointed there,
 * then restored twice from that one checkpoint. Each copy must mint its own ride ids and upload keys,
 * open its database connections after the restore, reach S3 and DynamoDB, and count its first
 * invocation as a cold start. Skipped, saying why, where no working CRIU is found (see {@link Criu}).
 *
 * <p>The function's JVM uses the DRBG generator (a {@code securerandom.source} other than
 * {@code /dev/urandom}), whose whole state is in the snapshot, as a generator that does not read
 * the operating system's entropy on every draw would be: without the afterRestore reseed, both
 * copies would mint the same ids.
 */
class SnapStartRestoreIT {
    private static final String RIDE = """
        {"resource":"/ride","path":"/ride","httpMethod":"POST","headers":{"Content-Type":"application/json"},
         "requestContext":{"requestId":"%s","identity":{"sourceIp":"203.0.113.7"},
                           "authorizer":{"claims":{"cognito:username":"rider-%s"}}},
         "body":"{\\"PickupLocation\\":{\\"Latitude\\":47.6,\\"Longitude\\":-122.3}}","isBase64Encoded":false}""";
    private static final String USERS = """
        {"resource":"/users","path":"/users","httpMethod":"GET","multiValueQueryStringParameters":{"limit":["10"]},
         "requestContext":{"identity":{}}}""";
    private static final String BOUNDARY = "----snapstart-it";

    private static Criu criu;

    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private long restoredPid = -1;

    @BeforeAll
    static void findCriu() {
        Criu.Probe probe = Criu.probe();
        if (probe instanceof Criu.Missing missing) {
            System.err.println("SnapStartRestoreIT SKIPPED: " + missing.reason());
        }
        Assumptions.assumeTrue(
                probe instanceof Criu.Found, () -> "emulated SnapStart needs CRIU: " + ((Criu.Missing) probe).reason());
        criu = ((Criu.Found) probe).criu();
    }

    @AfterEach
    void stop() throws Exception {
        if (restoredPid > 0) {
            ProcessHandle.of(restoredPid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    @Test
    void twoRestoresOfOneSnapshotMintTheirOwnIdsAndKeysOpenTheirOwnConnectionsAndCountAColdStart(@TempDir Path work)
            throws Exception {
        MySqlSettings database = MariaDbServer.shared().createDatabase("snapstart");
        try (HikariDataSource migrations = MySqlDatabase.pool(database)) {
            DatabaseMigrations.migrate(migrations);
        }
        // On a database of its own, so that its connections are not among the function's.
        HikariDataSource watcher = MySqlDatabase.pool(MariaDbServer.shared().createDatabase("watcher"));
        closeables.add(watcher);
        S3TestBucket bucket = S3ProxyServer.shared().createBucket("snapstart");
        RideTables tables = RideTables.create();
        LoopbackRuntimeApi runtime = new LoopbackRuntimeApi();
        closeables.add(runtime);
        Path log = work.resolve("function.log");
        Path images = work.resolve("images");

        Process function = startForSnapshot(
                runtime,
                log,
                work,
                Map.ofEntries(
                        Map.entry("DB_HOST", database.host()),
                        Map.entry("DB_PORT", Integer.toString(database.port())),
                        Map.entry("DB_USER", database.user()),
                        Map.entry("DB_PASS", database.password()),
                        Map.entry("DB_NAME", database.database()),
                        Map.entry("BUCKET_NAME", bucket.settings().bucket()),
                        Map.entry(
                                "S3_ENDPOINT", S3ProxyServer.shared().endpoint().toString()),
                        Map.entry("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY),
                        Map.entry("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY),
                        Map.entry(
                                "DYNAMODB_ENDPOINT",
                                tables.settings().endpoint().orElseThrow().toString()),
                        Map.entry("RIDES_TABLE", tables.settings().ridesTable()),
                        Map.entry("RIDE_REQUESTS_TABLE", tables.settings().rideRequestsTable()),
                        Map.entry("RIDE_BUSY_SECONDS", "0")));
        runtime.snapshotPoint().get(120, TimeUnit.SECONDS);
        assertThat(connectionsOf(watcher, database))
                .as("database connections in the snapshot")
                .isEmpty();
        criu.dump(function.pid(), images);
        function.waitFor(30, TimeUnit.SECONDS);
        runtime.snapshotTaken();
        Path logAtCheckpoint = Files.copy(log, work.resolve("function-at-checkpoint.log"));
        long checkpointedPid = function.pid();

        List<Restored> copies = new ArrayList<>();
        Set<Long> earlierConnections = new HashSet<>();
        for (int copy = 1; copy <= 2; copy++) {
            runtime.newEnvironment();
            Files.copy(logAtCheckpoint, log, StandardCopyOption.REPLACE_EXISTING);
            long linesAtCheckpoint = Files.readAllLines(log).size();
            Process restore = criu.restore(images, work.resolve("restore-" + copy + ".log"));
            processes.add(restore);
            runtime.restoreNext().get(60, TimeUnit.SECONDS);
            restoredPid = checkpointedPid;

            Map<String, Object> ride = invoke(runtime, RIDE.formatted(UUID.randomUUID(), copy));
            assertThat(ride.get("statusCode"))
                    .as("POST /ride after restore %d: %s", copy, ride)
                    .isEqualTo(201);
            Map<String, Object> upload = invoke(runtime, upload());
            assertThat(upload.get("statusCode"))
                    .as("POST /images/post after restore %d: %s%nthe function's log:%n%s", copy, upload, tail(log))
                    .isEqualTo(200);
            Map<String, Object> users = invoke(runtime, USERS);
            assertThat(users.get("statusCode"))
                    .as("GET /users after restore %d: %s", copy, users)
                    .isEqualTo(200);

            Set<Long> connections = connectionsOf(watcher, database);
            assertThat(connections)
                    .as("the copy's database connections, none of an earlier copy")
                    .isNotEmpty()
                    .noneMatch(earlierConnections::contains);
            earlierConnections.addAll(connections);
            List<Map<String, Object>> metrics = Files.readAllLines(log).stream()
                    .skip(linesAtCheckpoint)
                    .filter(line -> line.startsWith("{") && line.contains("\"_aws\""))
                    .map(EmfLines::parse)
                    .filter(EmfLines::isEmf)
                    .toList();
            assertThat(metrics).as("the copy's metric lines").isNotEmpty();
            assertThat(metrics.getFirst())
                    .as("the first invocation after a restore (the ride)")
                    .containsEntry("ColdStart", 1);
            assertThat(metrics.stream().filter(line -> line.containsKey("ColdStart")))
                    .as("cold starts counted by the copy")
                    .hasSize(1);
            copies.add(new Restored((String) body(ride).get("RideId"), uploadedKey(upload, bucket)));

            ProcessHandle.of(checkpointedPid).ifPresent(ProcessHandle::destroyForcibly);
            assertThat(restore.waitFor(30, TimeUnit.SECONDS))
                    .as("criu ends with the copy it restored")
                    .isTrue();
        }

        assertThat(runtime.restores()).isEqualTo(2);
        assertThat(copies.get(0).rideId())
                .isNotBlank()
                .isNotEqualTo(copies.get(1).rideId());
        assertThat(copies.get(0).uploadKey())
                .isNotBlank()
                .isNotEqualTo(copies.get(1).uploadKey());
        assertThat(tables.rideCount()).as("rides stored in DynamoDB").isEqualTo(2);
        try (S3Clients s3 = bucket.openClients()) {
            for (Restored copy : copies) {
                assertThat(s3.client()
                                .headObject(head ->
                                        head.bucket(bucket.settings().bucket()).key(copy.uploadKey()))
                                .contentLength())
                        .as("the upload %s in S3", copy.uploadKey())
                        .isPositive();
            }
        }
    }

    private record Restored(String rideId, String uploadKey) {}

    /** The every-route function as a SnapStart version's init starts it, in a session of its own, with no pipe to this JVM. */
    private Process startForSnapshot(LoopbackRuntimeApi runtime, Path log, Path work, Map<String, String> environment)
            throws Exception {
        // A generator whose state is all in the snapshot (see the class comment).
        Path security = Files.writeString(work.resolve("java.security"), "securerandom.source=file:/dev/./urandom\n");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(
                        "setsid",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-XX:+UseSerialGC",
                        "-XX:-UsePerfData",
                        "-Djava.security.properties=" + security,
                        "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                        "-cp",
                        classPath,
                        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                        "dev.skyhook.hosts.lambda.ApiHandler::handleRequest")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", runtime.address());
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "skyhook-snapstart");
        builder.environment().put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("LOG_LEVEL", "WARN");
        builder.environment().putAll(environment);
        Process function = builder.start();
        processes.add(function);
        return function;
    }

    /** The function's database connections, as the server lists them. */
    private static Set<Long> connectionsOf(HikariDataSource watcher, MySqlSettings database) throws Exception {
        try (Connection connection = watcher.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ?")) {
            query.setString(1, database.database());
            Set<Long> ids = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        }
    }

    private static Map<String, Object> invoke(LoopbackRuntimeApi runtime, String event) throws Exception {
        return parse(runtime.invoke(UUID.randomUUID().toString(), event)
                .get(60, TimeUnit.SECONDS)
                .body());
    }

    /** An upload through a method with ApiKeyRequired: API Gateway checked the key and names it in the identity. */
    private static String upload() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(TestImages.png(8, 8));
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return Json.writeString(Map.of(
                "resource",
                "/images/{path}",
                "path",
                "/images/post",
                "httpMethod",
                "POST",
                "pathParameters",
                Map.of("path", "post"),
                "headers",
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY),
                "requestContext",
                Map.of(
                        "requestId",
                        UUID.randomUUID().toString(),
                        "identity",
                        Map.of("sourceIp", "203.0.113.7", "apiKey", "snapstart-key", "apiKeyId", "snapstart1")),
                "body",
                Base64.getEncoder().encodeToString(body.toByteArray()),
                "isBase64Encoded",
                true));
    }

    /** The stored object's key, from the signed URL the upload answers with (path-style: /bucket/key). */
    private static String uploadedKey(Map<String, Object> answer, S3TestBucket bucket) {
        List<?> urls = (List<?>) body(answer).get("data");
        assertThat(urls).as("the upload's URLs").hasSize(1);
        String path = java.net.URI.create((String) urls.getFirst()).getPath();
        String prefix = "/" + bucket.settings().bucket() + "/";
        assertThat(path).startsWith(prefix);
        return path.substring(prefix.length());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Map<String, Object> answer) {
        return (Map<String, Object>) Json.parse((String) answer.get("body"));
    }

    /** The end of the function's log, for a failure's message. */
    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
