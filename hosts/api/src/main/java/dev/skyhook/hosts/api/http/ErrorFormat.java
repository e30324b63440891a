package dev.skyhook.hosts.api.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How one family of endpoints writes its errors. The original functions' clients read different shapes (users
 * read {@code error}, image uploads {@code statusCode} and {@code data}), so the shape belongs to
 * the route; the status does not (see {@link ErrorStatus}).
 */
public interface ErrorFormat {
    ApiResponse render(int status, String message, Optional<String> field, RequestContext context);

    /** What a 503 says: fixed text, never the adapter's message. */
    String unavailableMessage();

    /** {@code {"error": message, "field": name}}: the users endpoints' shape, and the default. */
    static ErrorFormat errorField(String unavailableMessage) {
        return new ErrorFormat() {
            @Override
            public ApiResponse render(int status, String message, Optional<String> field, RequestContext context) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", message);
                field.ifPresent(f -> body.put("field", f));
                return ApiResponse.json(status, body);
            }

            @Override
            public String unavailableMessage() {
                return unavailableMessage;
            }
        };
    }

    ErrorFormat DEFAULT = errorField("Service unavailable");
}
