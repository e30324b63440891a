package dev.skyhook.hosts.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import dev.skyhook.hosts.lambda.wiring.LambdaSettings;
import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/**
 * The acceptance suite through the Lambda handlers, on a real MariaDB server, with routes mapped to
 * functions as the SAM template maps them: {@code /hello} and {@code /users...} to their own
 * functions, everything else to the catch-all {@link ApiHandler}.
 */
abstract class LambdaAcceptance extends AcceptanceSuite {
    private HostClient client;

    protected abstract Format format();

    @BeforeAll
    void deployFunctions() throws Exception {
        LambdaComponent graph = LambdaComponent.create(
            new LambdaSettings(Optional.of(MariaDbServer.shared().createDatabase("lambda_acceptance"))));
        new MigrationHandler(graph).handleRequest(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new TestContext());
        RequestStreamHandler hello = new HelloHandler(graph);
        RequestStreamHandler users = new UsersHandler(graph);
        RequestStreamHandler everything = new ApiHandler(graph);
        client = new ApiGatewayClient(format(), path -> {
            if (path.equals("/hello")) {
                return hello;
            }
            return path.equals("/users") || path.startsWith("/users/") ? users : everything;
        });
    }

    @Override
    protected HostClient client() {
        return client;
    }
}
