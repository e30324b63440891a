package dev.skyhook.hosts.lambda;

import dev.skyhook.hosts.lambda.wiring.Container;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;

/** {@code GET /hello}. Handler: {@code dev.skyhook.hosts.lambda.HelloHandler::handleRequest}. */
public final class HelloHandler extends ApiGatewayHandler {
    public HelloHandler() {
        this(Container.graph());
    }

    public HelloHandler(LambdaComponent graph) {
        super(graph, graph.routes().greeting());
    }
}
