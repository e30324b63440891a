package dev.skyhook.hosts.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import dev.skyhook.hosts.api.rides.RideSettings;
import dev.skyhook.hosts.lambda.wiring.LambdaSettings;
import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/**
 * The acceptance suite through the Lambda handlers, on a real MariaDB server and DynamoDB Local,
 * with routes mapped to functions as the SAM template maps them: {@code /hello}, {@code /users...}
 * and {@code /ride...} to their own functions, everything else to the catch-all {@link ApiHandler}.
 */
abstract class LambdaAcceptance extends AcceptanceSuite {
    private HostClient client;
    private RideTables rides;

    protected abstract Format format();

    @BeforeAll
    void deployFunctions() throws Exception {
        rides = RideTables.create();
        // Unicorns are free again at once, as on every acceptance host: scenarios stay independent.
        LambdaComponent graph = LambdaComponent.create(new LambdaSettings(
            Optional.of(MariaDbServer.shared().createDatabase("lambda_acceptance")), Optional.of(rides.settings()),
            new RideSettings(Duration.ZERO)));
        new MigrationHandler(graph).handleRequest(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new TestContext());
        RequestStreamHandler hello = new HelloHandler(graph);
        RequestStreamHandler users = new UsersHandler(graph);
        RequestStreamHandler rideFunction = new RidesHandler(graph);
        RequestStreamHandler everything = new ApiHandler(graph);
        client = new ApiGatewayClient(format(), path -> {
            if (path.equals("/hello")) {
                return hello;
            }
            if (path.equals("/ride") || path.startsWith("/ride/")) {
                return rideFunction;
            }
            return path.equals("/users") || path.startsWith("/users/") ? users : everything;
        });
    }

    @Override
    protected long storedRideCount() {
        return rides.rideCount();
    }

    @Override
    protected HostClient client() {
        return client;
    }
}
