package dev.skyhook.hosts.lambda;

import dev.skyhook.hosts.lambda.wiring.Container;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import java.util.List;

/**
 * {@code POST /images/{path}} and {@code POST /uploads}, behind a proxy integration or the original upload API's
 * non-proxy passthrough template. The S3 client and the image inspector are built at init. Both
 * need an API key: API Gateway's, or where it checked none the function's own (see {@link ApiHandler}).
 */
public final class ImagesHandler extends ApiGatewayHandler {
    public ImagesHandler() {
        this(Container.graph());
    }

    public ImagesHandler(LambdaComponent graph) {
        super(graph, List.of(), graph.routes().images());
    }
}
