package dev.skyhook.hosts.lambda;

import dev.skyhook.hosts.lambda.wiring.Container;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;

/**
 * {@code GET /users}, {@code GET /users/{id}}, {@code POST /users}. Builds the MySQL pool at init,
 * outside the handler, so warm invocations reuse its connections.
 */
public final class UsersHandler extends ApiGatewayHandler {
    public UsersHandler() {
        this(Container.graph());
    }

    public UsersHandler(LambdaComponent graph) {
        super(graph, graph.routes().users());
    }
}
