package dev.skyhook.hosts.api.http;

import dev.skyhook.hosts.json.Json;
import java.util.Objects;

/**
 * A response ready for any host to send. The body is bytes, or a stream the local server sends as
 * it reads (a large download); {@link #body()} reads a stream into memory, bounded.
 */
public record ApiResponse(int status, Headers headers, Body content) {
    public static final String JSON = "application/json; charset=utf-8";

    public ApiResponse {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(content, "content");
    }

    public ApiResponse(int status, Headers headers, byte[] body) {
        this(status, headers, Body.of(Objects.requireNonNull(body, "body")));
    }

    /** {@code value} written as JSON: maps, lists, strings, numbers, booleans and null. */
    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(
                status, Headers.builder().add("Content-Type", JSON).build(), Json.write(value));
    }

    public byte[] body() {
        return content.bytes();
    }

    public ApiResponse withHeader(String name, String value) {
        return new ApiResponse(status, headers.toBuilder().set(name, value).build(), content);
    }

    public ApiResponse withHeaders(Headers extra) {
        Headers.Builder builder = headers.toBuilder();
        extra.asMap().forEach((name, values) -> values.forEach(v -> builder.add(name, v)));
        return new ApiResponse(status, builder.build(), content);
    }
}
