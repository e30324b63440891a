package dev.skyhook.hosts.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.json.JsonSyntaxException;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents;
import dev.skyhook.hosts.lambda.events.UnsupportedEventException;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import dev.skyhook.hosts.lambda.wiring.FunctionApiKeys;
import dev.skyhook.hosts.lambda.wiring.LambdaComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A function behind API Gateway. Reads the event as plain JSON (no reflection-based binding to warm
 * up at cold start), hands it to the {@link HttpApi} and answers in the event's own payload format.
 *
 * <p>Routes that need an API key (uploads) run as they are only when API Gateway checked a key for
 * the request; otherwise (an HTTP API, a Function URL, a REST method without a key requirement)
 * the function checks the key itself, or refuses when it has none to check: see {@link FunctionApiKeys}.
 */
public abstract class ApiGatewayHandler implements RequestStreamHandler {
    private final HttpApi keyCheckedByGateway;
    private final HttpApi keyCheckedByFunction;
    private final EmfMetrics metrics;

    /** Serves {@code routes}, none of which needs an API key. */
    protected ApiGatewayHandler(LambdaComponent graph, List<Route> routes) {
        this(graph, routes, List.of());
    }

    /**
     * Serves {@code routes} and the {@code keyGuarded} ones on the graph's access log and metrics;
     * SnapStart primes them before the snapshot.
     */
    protected ApiGatewayHandler(LambdaComponent graph, List<Route> routes, List<Route> keyGuarded) {
        List<Route> all = HttpApi.concat(routes, keyGuarded);
        this.keyCheckedByGateway = new HttpApi(all, graph.accessLog());
        this.keyCheckedByFunction = keyGuarded.isEmpty()
                ? keyCheckedByGateway
                : new HttpApi(HttpApi.concat(routes, graph.functionApiKeys().guard(keyGuarded)), graph.accessLog());
        this.metrics = graph.metrics();
        graph.snapStartHooks().primeBeforeCheckpoint(all);
        graph.snapStartHooks().primeClassesOf(getClass());
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Invocations.run(context, metrics, () -> {
            ApiGatewayEvents.Translated translated =
                    ApiGatewayEvents.toRequest(readEvent(input), context.getAwsRequestId(), Instant.now());
            HttpApi api = translated.gatewayCheckedApiKey() ? keyCheckedByGateway : keyCheckedByFunction;
            ApiResponse response = translated
                    .refusal()
                    .map(refusal -> api.refuse(translated.request(), refusal.status(), refusal.getMessage()))
                    .orElseGet(() -> api.handle(translated.request()));
            output.write(ApiGatewayEvents.writeResponse(translated.format(), response));
        });
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readEvent(InputStream input) throws IOException {
        Object event;
        try {
            event = Json.parse(input.readAllBytes());
        } catch (JsonSyntaxException e) {
            throw new UnsupportedEventException("the event is not JSON: " + e.getMessage());
        }
        if (!(event instanceof Map)) {
            throw new UnsupportedEventException("the event must be a JSON object");
        }
        return (Map<String, Object>) event;
    }
}
