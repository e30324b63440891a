package dev.skyhook.hosts.api.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route path such as {@code /users/{id}}: literal segments match exactly, {@code {name}} matches
 * one non-empty segment, and a final {@code {name+}} matches the rest of the path (as in API Gateway).
 */
public final class PathTemplate {
    private final String template;
    private final List<String> segments;
    private final boolean greedyTail;

    private PathTemplate(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/': " + template);
        }
        this.template = template;
        this.segments = split(template);
        this.greedyTail =
                !segments.isEmpty() && segments.get(segments.size() - 1).endsWith("+}");
    }

    public static PathTemplate of(String template) {
        return new PathTemplate(template);
    }

    public Optional<Map<String, String>> match(String path) {
        List<String> parts = split(path);
        if (greedyTail ? parts.size() < segments.size() : parts.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            String part = parts.get(i);
            if (greedyTail && i == segments.size() - 1) {
                String rest = String.join("/", parts.subList(i, parts.size()));
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                variables.put(segment.substring(1, segment.length() - 2), rest);
            } else if (segment.startsWith("{")) {
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                variables.put(segment.substring(1, segment.length() - 1), part);
            } else if (!segment.equals(part)) {
                return Optional.empty();
            }
        }
        return Optional.of(variables);
    }

    private static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }

    @Override
    public String toString() {
        return template;
    }
}
