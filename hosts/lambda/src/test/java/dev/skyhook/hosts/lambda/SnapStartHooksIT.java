package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.lambda.metrics.EmfLines;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import dev.skyhook.hosts.lambda.wiring.SnapStartHooks;
import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart hooks called as the runtime calls them, on the Lambda graph and real servers:
 * priming opens nothing and writes nothing; a restore reseeds the generator, retires pooled
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

    @Test
    void primingBuildsAndOpensNothingTheFunctionDoesNotUseAndWritesNoLine() throws Exception {
        // A users function's graph at the end of init: the pool is built, no connection is open yet.
        LambdaComponent graph = LambdaComponent.create(Settings.defaults().toBuilder()
                .mySql(MariaDbServer.shared().createDatabase("prime"))
                .build());
        new UsersHandler(graph);
        SnapStartHooks hooks = graph.snapStartHooks();
        HikariDataSource pool = (HikariDataSource) graph.adapters().userDatabase();

        try (CapturedOutput output = new CapturedOutput()) {
            CapturedOutput.Mark before = output.mark();
            hooks.beforeCheckpoint(null);

            // Jazzer's agent, attached by a fuzz test earlier in the same JVM, reports each class it instruments as it
            // loads.
            assertThat(output.linesSince(before))
                    .filteredOn(line -> !line.startsWith("INFO: Instrumented "))
                    .as("no access-log, metric or log line")
                    .isEmpty();
        }
        assertThat(pool.getHikariPoolMXBean().getTotalConnections())
                .as("connections in the snapshot")
                .isZero();
        assertThat(graph.connectionPools().size()).isEqualTo(1);
        assertThat(graph.randomness().reseeds()).isZero();
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
}
