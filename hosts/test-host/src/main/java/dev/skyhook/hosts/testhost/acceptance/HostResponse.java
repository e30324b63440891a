package dev.skyhook.hosts.testhost.acceptance;

import dev.skyhook.hosts.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What a host answered; header names compare without case. */
public record HostResponse(int status, Map<String, List<String>> headers, byte[] body) {
    public HostResponse {
        Map<String, List<String>> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseless.merge(name, List.copyOf(values), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return all;
        }));
        headers = caseless;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), headers.get(name));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Object json() {
        return Json.parse(body);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> jsonObject() {
        return (Map<String, Object>) json();
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + text();
    }
}
