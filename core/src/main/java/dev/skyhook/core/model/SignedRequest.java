package dev.skyhook.core.model;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A request a client may make directly to the store until {@code expiresAt}: the method, the URL
 * and the headers it must send exactly as given (they are part of the signature).
 */
public record SignedRequest(String method, URI url, Map<String, String> headers, Instant expiresAt) {
    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
