package dev.skyhook.hosts.lambda;

import dev.skyhook.hosts.lambda.wiring.Container;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;

/**
 * Every route in one function, for a catch-all integration ({@code /{proxy+}} on a REST API,
 * {@code $default} on an HTTP API, or a Function URL); the container image's default handler.
 * Unknown paths get the API's 404 JSON. Uploads need an API key: where API Gateway checked none
 * (always on an HTTP API or a Function URL), the function checks its own keys
 * ({@code API_KEYS_SECRET_ARN}) or, with none, refuses them with 403.
 */
public final class ApiHandler extends ApiGatewayHandler {
    public ApiHandler() {
        this(Container.graph());
    }

    public ApiHandler(LambdaComponent graph) {
        super(graph, graph.routes().open(), graph.routes().images());
    }
}
