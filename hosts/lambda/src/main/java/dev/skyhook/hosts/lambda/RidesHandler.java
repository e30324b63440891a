package dev.skyhook.hosts.lambda;

import dev.skyhook.hosts.lambda.wiring.Container;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;

/**
 * {@code POST /ride} (the Wild Rydes {@code requestUnicorn.js}), {@code GET /ride/{id}} and their
 * CORS preflight. The rider is the Cognito authorizer's {@code cognito:username} claim. Builds the
 * DynamoDB client at init, outside the handler. Handler: {@code dev.skyhook.hosts.lambda.RidesHandler::handleRequest}.
 */
public final class RidesHandler extends ApiGatewayHandler {
    public RidesHandler() {
        this(Container.graph());
    }

    public RidesHandler(LambdaComponent graph) {
        super(graph, graph.routes().rides());
    }
}
