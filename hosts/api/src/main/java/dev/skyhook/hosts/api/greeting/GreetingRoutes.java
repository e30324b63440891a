package dev.skyhook.hosts.api.greeting;

import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import java.util.List;

/** {@code GET /hello}: the original function's greeting as a JSON string. */
public final class GreetingRoutes {
    /** The original function's greeting, kept word for word because its clients compare it. */
    public static final String GREETING = "Hello from Lambda!";

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/hello", RouteFamily.GENERAL, (request, path) -> ApiResponse.json(200, GREETING)));
    }
}
