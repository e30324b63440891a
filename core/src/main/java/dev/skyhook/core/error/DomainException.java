package dev.skyhook.core.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception the core and the adapters throw across a port. The message is written for the
 * caller only for client errors; hosts never show it for {@link ErrorCode#STORE_UNAVAILABLE} or
 * {@link ErrorCode#STORE_FAILURE}.
 */
public class DomainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;
    private final Duration retryAfter;

    public DomainException(ErrorCode code, String message) {
        this(code, null, message, null, null);
    }

    public DomainException(ErrorCode code, String message, Throwable cause) {
        this(code, null, message, null, cause);
    }

    private DomainException(ErrorCode code, String field, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
        this.retryAfter = retryAfter;
    }

    /** Nothing is free to do the work now; the caller may try again after {@code retryAfter}. */
    public static DomainException noCapacity(String message, Duration retryAfter) {
        return new DomainException(
                ErrorCode.NO_CAPACITY, null, message, Objects.requireNonNull(retryAfter, "retryAfter"), null);
    }

    /** A refused input value; {@code field} is the name the caller used for it. */
    public static DomainException invalid(String field, String message) {
        return new DomainException(
                ErrorCode.INVALID_INPUT, Objects.requireNonNull(field, "field"), message, null, null);
    }

    public static DomainException notFound(String message) {
        return new DomainException(ErrorCode.NOT_FOUND, message);
    }

    public static DomainException conflict(String message) {
        return new DomainException(ErrorCode.CONFLICT, message);
    }

    /** The caller holds all it may hold at once; retrying after {@code retryAfter} may succeed. */
    public static DomainException limitReached(String message, Duration retryAfter) {
        if (retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive: " + retryAfter);
        }
        return new DomainException(ErrorCode.LIMIT_REACHED, null, message, retryAfter, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** When a retry may succeed, for refusals that are about load rather than the request. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The input field that was refused, for {@link ErrorCode#INVALID_INPUT}. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
