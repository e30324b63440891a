package dev.skyhook.core.model;

import java.util.Objects;

/**
 * A request that presents a signed URL: what it asks for and what it carries, to compare with
 * what was signed. {@code contentType} and {@code contentLength} matter for uploads only.
 */
public record SignedRequestAttempt(
        String method, BlobKey key, String expires, String signature, String contentType, long contentLength) {
    public SignedRequestAttempt {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(key, "key");
    }
}
