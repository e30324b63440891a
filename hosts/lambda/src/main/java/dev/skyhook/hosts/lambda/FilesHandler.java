package dev.skyhook.hosts.lambda;

import dev.skyhook.hosts.lambda.wiring.Container;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;

/** {@code POST /files} and {@code GET /files?filename=}: files in the bucket, presigned downloads. */
public final class FilesHandler extends ApiGatewayHandler {
    public FilesHandler() {
        this(Container.graph());
    }

    public FilesHandler(LambdaComponent graph) {
        super(graph, graph.routes().files());
    }
}
