package dev.skyhook.hosts.testhost.acceptance;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request target split into its raw and decoded path and its decoded query parameters. */
public record Target(String rawPath, String path, String rawQuery, Map<String, List<String>> query) {
    public static Target parse(String target) {
        int mark = target.indexOf('?');
        String rawPath = mark < 0 ? target : target.substring(0, mark);
        String rawQuery = mark < 0 ? "" : target.substring(mark + 1);
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        return new Target(rawPath, path, rawQuery, query);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
