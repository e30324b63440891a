package dev.skyhook.hosts.api.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one registry of error bodies, keyed by route family. Each family's clients read one shape: users read
 * {@code error}, image uploads {@code statusCode} and {@code data}, the Wild Rydes page {@code Error} and
 * {@code Reference} (and only with CORS headers can a browser read it at all). Every refusal goes through here:
 * a route's (its family's shape), and one made before a route is chosen (404, 405, a malformed path or query, a
 * request line or headers over a host's limits), whose family is the one that owns the path. The status is
 * {@link ErrorStatus}'s, never the family's.
 */
public enum RouteFamily {
    /** Every path no other family owns: the greeting, health, the local blob routes, the demo page. */
    GENERAL(Shape.ERROR_FIELD, "Service unavailable"),
    USERS(Shape.ERROR_FIELD, "Could not connect to MySQL database", "/users"),
    IMAGE_UPLOADS(Shape.STATUS_CODE_DATA, "The image store is unavailable; try again", "/images", "/uploads"),
    IMAGE_DELIVERY(Shape.ERROR_FIELD, "Service unavailable", "/img"),
    RIDES(Shape.WILD_RYDES, "The ride service is unavailable; please try again shortly", "/ride"),
    FILES(Shape.ERROR_FIELD, "The file store is unavailable; try again", "/files");

    private enum Shape {
        ERROR_FIELD,
        STATUS_CODE_DATA,
        WILD_RYDES
    }

    private final Shape shape;
    private final String unavailableMessage;
    private final List<String> pathPrefixes;

    RouteFamily(Shape shape, String unavailableMessage, String... pathPrefixes) {
        this.shape = shape;
        this.unavailableMessage = unavailableMessage;
        this.pathPrefixes = List.of(pathPrefixes);
    }

    /**
     * The family that owns {@code path} (decoded, or raw when it could not be decoded): the one with a prefix equal to
     * it or followed by {@code /} in it, so {@code /ride/x/y} is a ride's and {@code /rides} is not.
     */
    public static RouteFamily owning(String path) {
        for (RouteFamily family : values()) {
            for (String prefix : family.pathPrefixes) {
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    return family;
                }
            }
        }
        return GENERAL;
    }

    /** What a 503 says: fixed text, never the adapter's message. */
    public String unavailableMessage() {
        return unavailableMessage;
    }

    /** The error body of this family: {@code field} names the input at fault, {@code requestId} is the id the host answers with. */
    public Map<String, Object> body(int status, String message, Optional<String> field, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (shape) {
            case ERROR_FIELD -> {
                body.put("error", message);
                field.ifPresent(name -> body.put("field", name));
            }
            case STATUS_CODE_DATA -> {
                body.put("statusCode", status);
                body.put("data", message);
            }
            case WILD_RYDES -> {
                body.put("Error", message);
                field.ifPresent(name -> body.put("Field", name));
                body.put("Reference", requestId);
            }
        }
        return body;
    }

    /** The whole error response: the body, and the headers this family's clients need to read it. */
    public ApiResponse render(int status, String message, Optional<String> field, RequestContext context) {
        ApiResponse response = ApiResponse.json(status, body(status, message, field, context.requestId()));
        if (shape == Shape.WILD_RYDES) {
            // The Wild Rydes page calls from another origin: without CORS a browser hides the answer, and a 429's
            // Retry-After.
            return withCors(response).withHeader("Access-Control-Expose-Headers", "Retry-After");
        }
        return response;
    }

    /** Any origin, as the original rides API allowed: its page is served from another host. */
    public static ApiResponse withCors(ApiResponse response) {
        return response.withHeader("Access-Control-Allow-Origin", "*");
    }

    /**
     * {@code {"message": ...}}: how API Gateway itself refuses a request (a missing or unknown API key, a spent quota),
     * which hosts that check keys themselves answer alike, whatever the route's family.
     */
    public static ApiResponse gatewayRefusal(int status, String message) {
        return ApiResponse.json(status, Map.of("message", message));
    }
}
