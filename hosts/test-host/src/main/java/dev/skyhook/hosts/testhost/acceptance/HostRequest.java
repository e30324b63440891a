package dev.skyhook.hosts.testhost.acceptance;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request as a client writes it: method, raw (percent-encoded) target with query, headers, body. */
public record HostRequest(String method, String target, Map<String, String> headers, byte[] body) {
    public HostRequest {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static HostRequest get(String target) {
        return new HostRequest("GET", target, Map.of(), null);
    }

    public static HostRequest json(String method, String target, String json) {
        return new HostRequest(method, target, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    public static HostRequest of(String method, String target) {
        return new HostRequest(method, target, Map.of(), null);
    }

    public HostRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HostRequest(method, target, copy, body);
    }

    /** The decoded path and the query, split the way every host splits them. */
    public Target parsedTarget() {
        return Target.parse(target);
    }
}
