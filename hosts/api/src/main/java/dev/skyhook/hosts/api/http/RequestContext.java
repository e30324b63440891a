package dev.skyhook.hosts.api.http;

import java.time.Instant;
import java.util.Objects;

/**
 * What the host knows about a request beyond its HTTP text: the id it answers to in
 * {@code X-Request-Id}, the client address and, where the platform authenticated the caller,
 * the caller and user (API Gateway's {@code $context.identity.caller} and {@code .user}).
 */
public record RequestContext(String requestId, String sourceIp, String protocol, String caller, String user,
                             Instant receivedAt) {
    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        protocol = protocol == null ? "HTTP/1.1" : protocol;
    }

    public static RequestContext of(String requestId, String sourceIp, Instant receivedAt) {
        return new RequestContext(requestId, sourceIp, "HTTP/1.1", null, null, receivedAt);
    }
}
