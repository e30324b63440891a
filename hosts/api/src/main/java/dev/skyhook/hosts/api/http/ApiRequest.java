package dev.skyhook.hosts.api.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as every host hands it over: the method in upper case, the decoded path, the query
 * parameters with all their values, headers and the body (in memory, or a stream on the local
 * server; {@link #body()} reads a stream into memory, bounded).
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Headers headers,
        Body content,
        RequestContext context) {
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(context, "context");
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Headers.empty() : headers;
        content = content == null ? Body.of(null) : content;
    }

    public ApiRequest(
            String method,
            String path,
            Map<String, List<String>> query,
            Headers headers,
            byte[] body,
            RequestContext context) {
        this(method, path, query, headers, Body.of(body), context);
    }

    /** The whole body in memory; over {@link Body#MAX_BUFFERED_BYTES} it is a 413. */
    public byte[] body() {
        return content.bytes();
    }

    /**
     * The single value of a query parameter. A parameter given twice is refused rather than
     * silently picking one of the values.
     */
    public Optional<String> queryParameter(String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw HttpError.badRequest(name, name + " must be given once");
        }
        return values.stream().findFirst();
    }

    public Optional<String> header(String name) {
        return headers.first(name);
    }
}
