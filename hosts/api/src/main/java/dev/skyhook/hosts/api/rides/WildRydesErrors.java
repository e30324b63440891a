package dev.skyhook.hosts.api.rides;

import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.ErrorFormat;
import dev.skyhook.hosts.api.http.RequestContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The original's error body, {@code {"Error": message, "Reference": request id}}, with the CORS
 * headers its browser client needs to read it (and a 429's {@code Retry-After}, which browsers hide
 * from other origins unless exposed); {@code Field} names the input at fault when one is.
 */
final class WildRydesErrors implements ErrorFormat {
    static final String UNAVAILABLE = "The ride service is unavailable; please try again shortly";

    @Override
    public ApiResponse render(int status, String message, Optional<String> field, RequestContext context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Error", message);
        field.ifPresent(name -> body.put("Field", name));
        body.put("Reference", context.requestId());
        return RideRoutes.withCors(ApiResponse.json(status, body)).withHeader("Access-Control-Expose-Headers", "Retry-After");
    }

    @Override
    public String unavailableMessage() {
        return UNAVAILABLE;
    }
}
