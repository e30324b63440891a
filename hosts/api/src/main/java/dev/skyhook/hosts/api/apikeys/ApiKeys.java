package dev.skyhook.hosts.api.apikeys;

import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys and usage plans as API Gateway applies them, for hosts without API Gateway in front:
 * {@code x-api-key} must name a configured key (403 {@code {"message":"Forbidden"}}), then the key's
 * token bucket must have a token (429 "Too Many Requests") and its daily quota must not be spent
 * (429 "Limit Exceeded"). Keys are compared as SHA-256 digests in constant time.
 */
public final class ApiKeys {
    private final List<KeyState> keys;
    private final Clock clock;

    private static final class KeyState {
        final byte[] digest;
        final UsagePlan plan;
        double tokens;
        long refilledAtNanos;
        LocalDate quotaDay;
        long usedToday;

        KeyState(byte[] digest, UsagePlan plan, long now) {
            this.digest = digest;
            this.plan = plan;
            this.tokens = plan.burst();
            this.refilledAtNanos = now;
        }
    }

    public ApiKeys(Map<String, UsagePlan> plansByKey, Clock clock) {
        this.clock = clock;
        List<KeyState> states = new ArrayList<>();
        plansByKey.forEach((key, plan) -> states.add(new KeyState(digest(key), plan, System.nanoTime())));
        this.keys = List.copyOf(states);
    }

    /** {@code key=plan,key=plan} as in {@code API_KEYS}; a key without a plan gets {@code basic}. */
    public static Map<String, UsagePlan> parse(String apiKeys) {
        Map<String, UsagePlan> plans = new LinkedHashMap<>();
        for (String entry : apiKeys.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String key = (eq < 0 ? entry : entry.substring(0, eq)).strip();
            if (key.length() < 8) {
                throw new IllegalArgumentException("API keys must be at least 8 characters");
            }
            plans.put(key, UsagePlan.parse(eq < 0 ? "basic" : entry.substring(eq + 1)));
        }
        return plans;
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    /** The same routes, each refusing requests without a valid key within its plan. */
    public List<Route> guard(List<Route> routes) {
        if (!enabled()) {
            return routes;
        }
        return routes.stream()
                .map(route -> new Route(
                        route.method(),
                        route.path(),
                        (request, path) -> admit(request.header("x-api-key"))
                                .orElseGet(() -> route.endpoint().handle(request, path)),
                        route.family()))
                .toList();
    }

    /** Empty when admitted; otherwise the refusal to send. */
    Optional<ApiResponse> admit(Optional<String> presented) {
        KeyState key = presented.map(ApiKeys::digest).map(this::find).orElse(null);
        if (key == null) {
            return Optional.of(message(403, "Forbidden"));
        }
        synchronized (key) {
            long now = System.nanoTime();
            key.tokens = Math.min(
                    key.plan.burst(), key.tokens + (now - key.refilledAtNanos) / 1e9 * key.plan.ratePerSecond());
            key.refilledAtNanos = now;
            if (key.tokens < 1) {
                return Optional.of(message(429, "Too Many Requests"));
            }
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            if (!today.equals(key.quotaDay)) {
                key.quotaDay = today;
                key.usedToday = 0;
            }
            if (key.usedToday >= key.plan.quotaPerDay()) {
                return Optional.of(message(429, "Limit Exceeded"));
            }
            key.tokens -= 1;
            key.usedToday++;
            return Optional.empty();
        }
    }

    private KeyState find(byte[] presented) {
        KeyState match = null;
        for (KeyState key : keys) {
            // Every key is compared, so the time taken does not say which one nearly matched.
            if (MessageDigest.isEqual(key.digest, presented)) {
                match = key;
            }
        }
        return match;
    }

    private static ApiResponse message(int status, String message) {
        return RouteFamily.gatewayRefusal(status, message);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
