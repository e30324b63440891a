package dev.skyhook.hosts.testhost.acceptance;

import dev.skyhook.hosts.api.http.UrlEncoding;
import java.util.List;
import java.util.Map;

/** A request target split into its raw and decoded path and its decoded query parameters. */
public record Target(String rawPath, String path, String rawQuery, Map<String, List<String>> query) {
    public static Target parse(String target) {
        int mark = target.indexOf('?');
        String rawPath = mark < 0 ? target : target.substring(0, mark);
        String rawQuery = mark < 0 ? "" : target.substring(mark + 1);
        return new Target(rawPath, UrlEncoding.decodePath(rawPath), rawQuery, UrlEncoding.parseQuery(rawQuery));
    }
}
