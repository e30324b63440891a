package dev.skyhook.hosts.api.http;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API without a host: finds the route, runs it, turns every refusal into the route's error
 * shape, stamps {@code X-Request-Id} and writes the access log. Hosts only translate their own
 * request and response types to and from {@link ApiRequest} and {@link ApiResponse}.
 */
public final class HttpApi {
    /**
     * Initialised on the first error logged, not with the API: the logging binding costs 20-30 ms of CPU,
     * which a Lambda cold start of a function that logs nothing then does not pay.
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    }

    private final List<Route> routes;
    private final AccessLog accessLog;

    public HttpApi(List<Route> routes, AccessLog accessLog) {
        this.routes = List.copyOf(routes);
        this.accessLog = accessLog;
    }

    public ApiResponse handle(ApiRequest request) {
        long started = System.nanoTime();
        Dispatch dispatch = dispatch(request);
        return finish(request, dispatch.resourcePath, dispatch.response, started);
    }

    /**
     * Answers a request the host refused before it could be routed (a malformed path or query, a request line or
     * headers over its limits, a body over the server's limit) in the error shape of the family that owns the path,
     * logged like any other.
     */
    public ApiResponse refuse(ApiRequest request, int status, String message) {
        long started = System.nanoTime();
        return finish(
                request,
                request.path(),
                RouteFamily.owning(request.path()).render(status, message, Optional.empty(), request.context()),
                started);
    }

    private ApiResponse finish(ApiRequest request, String resourcePath, ApiResponse response, long started) {
        ApiResponse stamped =
                response.withHeader("X-Request-Id", request.context().requestId());
        accessLog.record(request, resourcePath, stamped, (System.nanoTime() - started) / 1_000_000);
        return stamped;
    }

    private record Dispatch(String resourcePath, ApiResponse response) {}

    private Dispatch dispatch(ApiRequest request) {
        Set<String> allowed = new LinkedHashSet<>();
        RouteFamily pathFamily = RouteFamily.owning(request.path());
        String pathTemplate = null;
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.path().match(request.path());
            if (variables.isEmpty()) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return new Dispatch(route.path().toString(), run(route, request, variables.get()));
            }
            if (isHeadOfGet(request, route)) {
                // HEAD is GET without the body (RFC 9110 9.3.2).
                ApiResponse full = run(route, request, variables.get());
                full.content().discard();
                return new Dispatch(
                        route.path().toString(), new ApiResponse(full.status(), full.headers(), new byte[0]));
            }
            allowed.add(route.method());
            if (route.method().equals("GET")) {
                allowed.add("HEAD");
            }
            pathFamily = route.family();
            pathTemplate = route.path().toString();
        }
        HttpError refusal = allowed.isEmpty()
                ? HttpError.notFound("No route for " + request.method() + " " + request.path())
                : HttpError.methodNotAllowed(
                        "Method " + request.method() + " is not allowed on " + pathTemplate,
                        String.join(", ", allowed));
        return new Dispatch(pathTemplate == null ? request.path() : pathTemplate, render(pathFamily, refusal, request));
    }

    /**
     * Routes read bodies as sent. A compressed body would otherwise be parsed as if it were plain, or
     * (decompressed) grow past every size limit: 415, naming what is accepted (RFC 9110 15.5.16).
     */
    private static void refuseEncodedBodies(ApiRequest request) {
        for (String value : request.headers().all("Content-Encoding")) {
            for (String coding : value.split(",")) {
                String name = coding.strip();
                if (!name.isEmpty() && !name.equalsIgnoreCase("identity")) {
                    throw new HttpError(
                            415,
                            "Content-Encoding " + name + " is not supported: send the body uncompressed",
                            null,
                            Headers.builder().add("Accept-Encoding", "identity").build());
                }
            }
        }
    }

    private static boolean isHeadOfGet(ApiRequest request, Route route) {
        return request.method().equals("HEAD") && route.method().equals("GET");
    }

    private ApiResponse run(Route route, ApiRequest request, Map<String, String> variables) {
        try {
            refuseEncodedBodies(request);
            return route.endpoint().handle(request, variables);
        } catch (HttpError e) {
            return render(route.family(), e, request);
        } catch (DomainException e) {
            return render(route.family(), e, request);
        } catch (RuntimeException e) {
            Log.LOG.error(
                    "Unhandled error in {} {} (request {})",
                    request.method(),
                    route.path(),
                    request.context().requestId(),
                    e);
            return route.family().render(500, "Internal server error", Optional.empty(), request.context());
        }
    }

    private static ApiResponse render(RouteFamily errors, HttpError e, ApiRequest request) {
        return errors.render(e.status(), e.getMessage(), e.field(), request.context())
                .withHeaders(e.headers());
    }

    private static ApiResponse render(RouteFamily errors, DomainException e, ApiRequest request) {
        int status = ErrorStatus.of(e.code());
        if (isStoreError(e.code())) {
            // The adapter's message may name hosts, users or SQL: log it, never send it.
            Log.LOG.warn(
                    "{} {} failed with {} (request {}): {}",
                    request.method(),
                    request.path(),
                    e.code(),
                    request.context().requestId(),
                    e.getMessage(),
                    e.getCause());
            String message = status == 503 ? errors.unavailableMessage() : "Internal server error";
            return errors.render(status, message, Optional.empty(), request.context());
        }
        ApiResponse response = errors.render(status, e.getMessage(), e.field(), request.context());
        return e.retryAfter()
                .map(delay -> response.withHeader("Retry-After", Long.toString(retryAfterSeconds(delay))))
                .orElse(response);
    }

    /** {@code Retry-After} in whole seconds (RFC 9110 10.2.3), rounded up so a client never comes back too early; at least 1. */
    static long retryAfterSeconds(Duration delay) {
        long seconds = delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** Store errors carry the adapter's words; every other code's message is written for the caller. */
    private static boolean isStoreError(ErrorCode code) {
        return code == ErrorCode.STORE_UNAVAILABLE || code == ErrorCode.STORE_FAILURE;
    }

    /** The routes of several groups as one API (for hosts that serve everything from one process). */
    @SafeVarargs
    public static List<Route> concat(List<Route>... groups) {
        List<Route> all = new ArrayList<>();
        for (List<Route> group : groups) {
            all.addAll(group);
        }
        return all;
    }
}
