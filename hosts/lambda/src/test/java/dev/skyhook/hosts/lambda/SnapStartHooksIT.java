package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.rds.MySqlDatabase;
import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.adapters.aws.s3.S3Clients;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.lambda.metrics.EmfLines;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import dev.skyhook.hosts.lambda.wiring.SnapStartHooks;
import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hooks called as the runtime calls them, on the Lambda graph and real servers:
 * priming runs the function's requests but writes nothing and leaves no connection open, and a priming request that fails costs one log line, not the start; a restore reseeds the generator, retires pooled
 * connections and counts the next invocation as a cold start; requests work before and after.
 */
class SnapStartHooksIT {
    private static long connectionId(DataSource database) throws Exception {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT CONNECTION_ID()")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The server's connections to {@code database}, other than {@code watcher}'s own. */
    private static long connectionsTo(DataSource watcher, String database) throws Exception {
        try (Connection connection = watcher.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    @Test
    void primingRunsTheRequestsWithoutWritingOrLeavingAConnectionOpen() throws Exception {
        // A function serving users, rides and uploads at the end of init: its pool is built, nothing is open.
        MySqlSettings database = MariaDbServer.shared().createDatabase("prime");
        TestDeployment deployment = TestDeployment.on(database);
        LambdaComponent graph = deployment.graph();
        ApiHandler function = new ApiHandler(graph);
        SnapStartHooks hooks = graph.snapStartHooks();
        HikariDataSource pool = (HikariDataSource) graph.adapters().userDatabase();
        pool.getHikariPoolMXBean().softEvictConnections(); // the migration's connection
        long usersBefore = userCount(pool);
        pool.getHikariPoolMXBean().softEvictConnections();

        // JVM-wide: starting a pool sets it; the function's own value must survive the priming pool.
        int loginTimeoutBefore = DriverManager.getLoginTimeout();
        DriverManager.setLoginTimeout(7);
        try (CapturedOutput output = new CapturedOutput()) {
            CapturedOutput.Mark before = output.mark();
            hooks.beforeCheckpoint(null);

            assertThat(output.linesSince(before))
                    .filteredOn(SnapStartHooksIT::aboutPrimingsAnswers)
                    .as("no access-log, metric or log line: every priming request answered as expected")
                    .isEmpty();
        }
        try {
            assertThat(DriverManager.getLoginTimeout())
                    .as("the JVM's JDBC login timeout after priming")
                    .isEqualTo(7);
        } finally {
            DriverManager.setLoginTimeout(loginTimeoutBefore);
        }
        assertThat(graph.connectionPools().openConnections())
                .as("pooled connections in the snapshot")
                .isZero();
        try (HikariDataSource watcher =
                MySqlDatabase.pool(MariaDbServer.shared().createDatabase("watcher"))) {
            assertThat(connectionsTo(watcher, database.database()))
                    .as("the server's connections to the function's database at the checkpoint")
                    .isZero();
        }
        assertThat(deployment.rides().rideCount()).as("rides stored by priming").isZero();
        try (S3Clients clients = deployment.bucket().openClients()) {
            assertThat(clients.client()
                            .listObjectsV2(list ->
                                    list.bucket(deployment.bucket().settings().bucket()))
                            .contents())
                    .as("objects stored by priming")
                    .isEmpty();
        }
        assertThat(userCount(pool)).as("users after priming").isEqualTo(usersBefore);
        assertThat(graph.connectionPools().size()).isEqualTo(1);
        assertThat(graph.randomness().reseeds()).isZero();
        assertThat(function).isNotNull();
    }

    @Test
    void aRiderLimitedBookingPrimesThroughItsTransactionOffline() throws Exception {
        TestDeployment deployment =
                TestDeployment.on(MariaDbServer.shared().createDatabase("limited"), new RideSettings(Duration.ZERO, 2));
        LambdaComponent graph = deployment.graph();
        new RidesHandler(graph);

        try (CapturedOutput output = new CapturedOutput()) {
            CapturedOutput.Mark before = output.mark();
            graph.snapStartHooks().beforeCheckpoint(null);

            assertThat(output.linesSince(before))
                    .filteredOn(SnapStartHooksIT::aboutPrimingsAnswers)
                    .as("the read of the rider and the transaction answered offline: no failure logged")
                    .isEmpty();
        }
        assertThat(deployment.rides().rideCount()).isZero();
    }

    @Test
    void aPrimingRequestThatFailsIsLoggedOnOneLineAndTheFunctionStillStarts() throws Exception {
        // The database cannot be reached when the version is published: nothing listens on its port.
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MySqlSettings database = MariaDbServer.shared().createDatabase("unreachable");
        MySqlSettings unreachable = new MySqlSettings(
                database.host(),
                closedPort,
                database.user(),
                database.password(),
                database.database(),
                Duration.ofSeconds(1),
                database.maxPoolSize());
        LambdaComponent graph = LambdaComponent.create(
                Settings.defaults().toBuilder().mySql(unreachable).build());
        new UsersHandler(graph);

        try (CapturedOutput output = new CapturedOutput()) {
            CapturedOutput.Mark before = output.mark();
            graph.snapStartHooks().beforeCheckpoint(null);

            assertThat(output.linesSince(before))
                    .filteredOn(SnapStartHooksIT::aboutPrimingsAnswers)
                    .singleElement()
                    .satisfies(line ->
                            assertThat(line).contains("\"level\":\"WARN\"", "SnapStart priming of GET /users failed"));
        }
        graph.snapStartHooks().afterRestore(null);
        assertThat(graph.randomness().reseeds()).isEqualTo(1);
        assertThat(graph.connectionPools().openConnections()).isZero();
    }

    @Test
    void aHelloFunctionPrimesWithoutBuildingAPoolOrClients() throws Exception {
        LambdaComponent graph = LambdaComponent.create(Settings.defaults());
        new HelloHandler(graph);

        graph.snapStartHooks().beforeCheckpoint(null);
        graph.snapStartHooks().afterRestore(null);

        assertThat(graph.connectionPools().size()).isZero();
        assertThat(graph.randomness().reseeds()).isEqualTo(1);
    }

    private static long userCount(DataSource database) throws Exception {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM Users")) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void afterARestoreTheGeneratorIsReseededPooledConnectionsAreNewAndRequestsStillWork() throws Exception {
        TestDeployment deployment = TestDeployment.on(MariaDbServer.shared().createDatabase("restore"));
        LambdaComponent graph = deployment.graph();
        ApiHandler function = new ApiHandler(graph);
        ApiGatewayClient client = new ApiGatewayClient(Format.REST_V1, path -> function);
        assertThat(client.send(HostRequest.json("POST", "/users", "{\"name\":\"Before\",\"age\":1}"))
                        .status())
                .isEqualTo(201);
        long before = connectionId(graph.adapters().userDatabase());
        assertThat(connectionId(graph.adapters().userDatabase()))
                .as("the pool reuses its connection")
                .isEqualTo(before);
        SnapStartHooks hooks = graph.snapStartHooks();

        hooks.beforeCheckpoint(null);
        hooks.afterRestore(null);

        assertThat(graph.randomness().reseeds()).isEqualTo(1);
        assertThat(connectionId(graph.adapters().userDatabase()))
                .as("a connection opened after the restore")
                .isNotEqualTo(before);
        try (CapturedOutput output = new CapturedOutput()) {
            CapturedOutput.Mark mark = output.mark();
            assertThat(client.send(HostRequest.json("POST", "/users", "{\"name\":\"After\",\"age\":2}"))
                            .status())
                    .isEqualTo(201);
            assertThat(output.standardOutputLinesSince(mark).stream()
                            .filter(line -> line.startsWith("{") && line.contains("\"_aws\""))
                            .map(EmfLines::parse)
                            .filter(EmfLines::isEmf))
                    .as("the first invocation after a restore is a cold start")
                    .singleElement()
                    .satisfies(line -> assertThat(line).containsEntry("ColdStart", 1));
        }
        assertThat(client.send(HostRequest.json(
                                        "POST",
                                        "/ride",
                                        "{\"PickupLocation\":{\"Latitude\":47.6,\"Longitude\":-122.3}}")
                                .asRider("alice"))
                        .status())
                .isEqualTo(201);
        assertThat(client.send(new MultipartBody()
                                .file("file", "a.png", "image/png", TestImages.png(8, 8))
                                .post("/images/post")
                                .withHeader("x-api-key", AcceptanceSuite.API_KEY))
                        .jsonObject())
                .containsEntry("statusCode", 200);
        assertThat(client.send(HostRequest.get("/users")).text()).contains("\"Before\"", "\"After\"");
        assertThat(deployment.rides().rideCount()).isEqualTo(1);
    }

    /**
     * Lines that say nothing about priming's answers: the priming pool's own start and shutdown, and
     * Jazzer's agent (attached by a fuzz test earlier in the same JVM) reporting each class it instruments.
     */
    private static boolean aboutPrimingsAnswers(String line) {
        boolean primingPoolLifecycle = line.contains("\"logger\":\"com.zaxxer.hikari.HikariDataSource\"")
                && line.contains("\"level\":\"INFO\"")
                && line.contains("\"message\":\"skyhook-mysql-priming - ");
        return !primingPoolLifecycle && !line.startsWith("INFO: Instrumented ");
    }
}
