package dev.skyhook.hosts.api.http;

import java.util.Optional;

/**
 * A refusal at the HTTP level (unknown route, wrong method, body not JSON, too large, wrong media
 * type). Domain refusals are {@code DomainException}s; this is for what the domain never sees.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;
    private final transient Headers headers;

    public HttpError(int status, String message, String field, Headers headers) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.headers = headers == null ? Headers.empty() : headers;
    }

    public static HttpError badRequest(String field, String message) {
        return new HttpError(400, message, field, null);
    }

    /** No verified caller; {@code WWW-Authenticate} tells the client that a bearer token is expected. */
    public static HttpError unauthorized(String message) {
        return new HttpError(
                401,
                message,
                null,
                Headers.builder().add("WWW-Authenticate", "Bearer").build());
    }

    public static HttpError notFound(String message) {
        return new HttpError(404, message, null, null);
    }

    public static HttpError methodNotAllowed(String message, String allow) {
        return new HttpError(
                405, message, null, Headers.builder().add("Allow", allow).build());
    }

    public static HttpError lengthRequired(String message) {
        return new HttpError(411, message, null, null);
    }

    public static HttpError payloadTooLarge(long maxBytes) {
        return new HttpError(413, "request body must be at most " + maxBytes + " bytes", null, null);
    }

    public static HttpError unsupportedMediaType(String expected) {
        return new HttpError(415, "Content-Type must be " + expected, null, null);
    }

    public int status() {
        return status;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    public Headers headers() {
        return headers;
    }
}
