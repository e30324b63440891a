package dev.skyhook.hosts.testhost.acceptance;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as a client writes it: method, raw (percent-encoded) target with query, headers, body,
 * and the signed-in user it is sent as, if any. Each {@link HostClient} signs in its host's own way
 * (authorizer claims in an API Gateway event, a JWT in {@code Authorization}, a call's context).
 */
public record HostRequest(
        String method, String target, Map<String, String> headers, byte[] body, Optional<String> user) {
    public HostRequest {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(user, "user");
    }

    /** A request sent by nobody in particular. */
    public HostRequest(String method, String target, Map<String, String> headers, byte[] body) {
        this(method, target, headers, body, Optional.empty());
    }

    public static HostRequest get(String target) {
        return new HostRequest("GET", target, Map.of(), null);
    }

    public static HostRequest json(String method, String target, String json) {
        return new HostRequest(
                method, target, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    public static HostRequest of(String method, String target) {
        return new HostRequest(method, target, Map.of(), null);
    }

    public HostRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HostRequest(method, target, copy, body, user);
    }

    /** The same request, sent as the signed-in user {@code username}, whatever the name holds. */
    public HostRequest asUser(String username) {
        return new HostRequest(method, target, headers, body, Optional.of(username));
    }

    /** {@link #asUser}, in the words of rides, whose users are riders. */
    public HostRequest asRider(String username) {
        return asUser(username);
    }

    /** The decoded path and the query, split the way every host splits them. */
    public Target parsedTarget() {
        return Target.parse(target);
    }
}
