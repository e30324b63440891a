package dev.skyhook.hosts.api.http;

import java.time.Instant;
import java.util.Objects;

/**
 * What the host knows about a request beyond its HTTP text: the id it answers to in
 * {@code X-Request-Id}, the client address and, where the platform authenticated the caller,
 * the caller and user (API Gateway's {@code $context.identity.caller} and {@code .user}) and the
 * {@link Authentication} the host established (the rider of a ride, for instance).
 */
public record RequestContext(
        String requestId,
        String sourceIp,
        String protocol,
        String caller,
        String user,
        Instant receivedAt,
        Authentication authentication) {
    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        protocol = protocol == null ? "HTTP/1.1" : protocol;
        authentication = authentication == null ? Authentication.anonymous() : authentication;
    }

    /** A context without an authenticated caller. */
    public RequestContext(
            String requestId, String sourceIp, String protocol, String caller, String user, Instant receivedAt) {
        this(requestId, sourceIp, protocol, caller, user, receivedAt, null);
    }

    public static RequestContext of(String requestId, String sourceIp, Instant receivedAt) {
        return new RequestContext(requestId, sourceIp, "HTTP/1.1", null, null, receivedAt);
    }

    public RequestContext withAuthentication(Authentication established) {
        return new RequestContext(requestId, sourceIp, protocol, caller, user, receivedAt, established);
    }
}
