package dev.skyhook.core.error;

/** What went wrong, independent of any transport. Each host maps these to statuses in one place. */
public enum ErrorCode {
    /** The caller sent a value the domain refuses; the message names the field. */
    INVALID_INPUT,
    /** The thing asked for does not exist (or belongs to someone else, which the caller must not learn). */
    NOT_FOUND,
    /** The request's signature or key is missing, wrong or expired. */
    FORBIDDEN,
    /** The content is larger than a configured limit (bytes per file or per request). */
    TOO_LARGE,
    /** Storing this would take the caller past a storage quota (bytes or files per user); nothing was stored. */
    QUOTA_EXCEEDED,
    /** The content is not of an allowed type, judged from its bytes. */
    UNSUPPORTED_TYPE,
    /** The request contradicts one made before, e.g. an idempotency key reused for a different request. */
    CONFLICT,
    /** Nothing is free to serve the request now (every unicorn is busy); retrying later may succeed. */
    NO_CAPACITY,
    /**
     * The caller holds all a caller may hold at once (unicorns on a ride); others are still served.
     * The exception says after how long retrying may succeed.
     */
    LIMIT_REACHED,
    /** A backing store cannot be reached; retrying later may succeed. */
    STORE_UNAVAILABLE,
    /** A backing store answered with an error that retrying will not fix. */
    STORE_FAILURE
}
