package dev.skyhook.hosts.api.http;

import dev.skyhook.core.error.ErrorCode;

/** The one place where a domain error code becomes an HTTP status; {@link RouteFamily} gives the body its shape. */
public final class ErrorStatus {
    private ErrorStatus() {}

    public static int of(ErrorCode code) {
        // A switch expression without default: a new ErrorCode does not compile until it is mapped here.
        return switch (code) {
            case INVALID_INPUT -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            // As for a body over a limit; the message names the quota.
            case QUOTA_EXCEEDED -> 413;
            case UNSUPPORTED_TYPE -> 415;
            case CONFLICT -> 409;
            case NO_CAPACITY -> 503;
            case LIMIT_REACHED -> 429;
            case STORE_UNAVAILABLE -> 503;
            case STORE_FAILURE -> 500;
        };
    }
}
