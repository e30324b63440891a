package dev.skyhook.core.error;

/** What went wrong, independent of any transport. Each host maps these to statuses in one place. */
public enum ErrorCode {
    /** The caller sent a value the domain refuses; the message names the field. */
    INVALID_INPUT,
    /** The thing asked for does not exist. */
    NOT_FOUND,
    /** The request's signature or key is missing, wrong or expired. */
    FORBIDDEN,
    /** The content is larger than a configured limit (bytes per file or per request). */
    TOO_LARGE,
    /** The content is not of an allowed type, judged from its bytes. */
    UNSUPPORTED_TYPE,
    /** A backing store cannot be reached; retrying later may succeed. */
    STORE_UNAVAILABLE,
    /** A backing store answered with an error that retrying will not fix. */
    STORE_FAILURE
}
