package dev.skyhook.hosts.api.http;

import dev.skyhook.hosts.api.json.Json;
import java.util.Objects;

/** A response ready for any host to send. */
public record ApiResponse(int status, Headers headers, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";

    public ApiResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** {@code value} written as JSON: maps, lists, strings, numbers, booleans and null. */
    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, Headers.builder().add("Content-Type", JSON).build(), Json.write(value));
    }

    public ApiResponse withHeader(String name, String value) {
        return new ApiResponse(status, headers.toBuilder().set(name, value).build(), body);
    }

    public ApiResponse withHeaders(Headers extra) {
        Headers.Builder builder = headers.toBuilder();
        extra.asMap().forEach((name, values) -> values.forEach(v -> builder.add(name, v)));
        return new ApiResponse(status, builder.build(), body);
    }
}
