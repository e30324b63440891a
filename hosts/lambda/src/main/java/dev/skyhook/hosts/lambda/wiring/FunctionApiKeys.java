package dev.skyhook.hosts.lambda.wiring;

import dev.skyhook.hosts.api.apikeys.ApiKeys;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys the function checks itself, for requests API Gateway did not check a key for: an
 * HTTP API or a Function URL (neither has API keys), or a REST API method without
 * {@code ApiKeyRequired}. With keys configured ({@code API_KEYS_SECRET_ARN}), {@code x-api-key}
 * must name one (compared as digests in constant time) within its usage plan, counted per
 * execution environment; without any, key-guarded routes refuse every such request. Never open.
 */
public final class FunctionApiKeys {
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(FunctionApiKeys.class);
    }

    private final Optional<ApiKeys> keys;

    public FunctionApiKeys(Optional<ApiKeys> keys) {
        this.keys = keys.filter(ApiKeys::enabled);
    }

    /** {@code routes}, each admitting only requests with a valid key of the function's, or refusing all. */
    public List<Route> guard(List<Route> routes) {
        if (keys.isPresent()) {
            return keys.get().guard(routes);
        }
        return routes.stream()
                .map(route -> new Route(
                        route.method(),
                        route.path(),
                        (request, path) -> {
                            Log.LOG.warn(
                                    "{} {} refused: API Gateway checked no API key for it (an HTTP API, a Function URL, or a REST method "
                                            + "without ApiKeyRequired) and the function has no keys of its own to check (API_KEYS_SECRET_ARN)",
                                    request.method(),
                                    route.path());
                            return RouteFamily.gatewayRefusal(403, "Forbidden");
                        },
                        route.family()))
                .toList();
    }
}
