package dev.skyhook.hosts.api.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percent-decoding of paths and query strings, the same in every host. */
public final class UrlEncoding {
    private UrlEncoding() {}

    /** Decodes {@code %XX} escapes in a path; '+' stays '+' (it means space only in queries). */
    public static String decodePath(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        try {
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("path", "path has a malformed percent escape");
        }
    }

    /** Splits {@code a=1&b=2&a=3} into names with all their decoded values, in order. */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeQueryPart(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQueryPart(pair.substring(eq + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decodeQueryPart(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("query", "query string has a malformed percent escape");
        }
    }
}
