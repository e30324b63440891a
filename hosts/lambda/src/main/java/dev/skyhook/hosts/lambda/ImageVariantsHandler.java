package dev.skyhook.hosts.lambda;

import dev.skyhook.hosts.lambda.wiring.Container;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;

/**
 * {@code GET /img/{key}} behind API Gateway (or a Function URL as CloudFront's origin): variants
 * as binary bodies, which the event translation base64-encodes.
 */
public final class ImageVariantsHandler extends ApiGatewayHandler {
    public ImageVariantsHandler() {
        this(Container.graph());
    }

    public ImageVariantsHandler(LambdaComponent graph) {
        super(graph, graph.routes().imageVariants());
    }
}
