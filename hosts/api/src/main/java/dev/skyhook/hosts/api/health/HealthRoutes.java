package dev.skyhook.hosts.api.health;

import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health}: the state of each backing store. 200 when all are up, 503 when any is down,
 * so a load balancer or a container health check can act on the status alone.
 */
public final class HealthRoutes {
    private final Map<String, BooleanSupplier> stores;

    /** {@code stores}: a name per backing store and a check that answers quickly. */
    public HealthRoutes(Map<String, BooleanSupplier> stores) {
        this.stores = new LinkedHashMap<>(stores);
    }

    public List<Route> routes() {
        return List.of(Route.of("GET", "/health", RouteFamily.GENERAL, (request, path) -> check()));
    }

    private ApiResponse check() {
        Map<String, Object> states = new LinkedHashMap<>();
        boolean allUp = true;
        for (Map.Entry<String, BooleanSupplier> store : stores.entrySet()) {
            boolean up = isUp(store.getValue());
            allUp &= up;
            states.put(store.getKey(), up ? "UP" : "DOWN");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? "UP" : "DOWN");
        body.put("stores", states);
        return ApiResponse.json(allUp ? 200 : 503, body);
    }

    private static boolean isUp(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
