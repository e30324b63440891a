package dev.skyhook.hosts.lambda.events;

import static dev.skyhook.hosts.lambda.events.EventFields.bool;
import static dev.skyhook.hosts.lambda.events.EventFields.object;
import static dev.skyhook.hosts.lambda.events.EventFields.string;
import static dev.skyhook.hosts.lambda.events.EventFields.stringList;
import static dev.skyhook.hosts.lambda.events.EventFields.stringLists;
import static dev.skyhook.hosts.lambda.events.EventFields.strings;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Authentication;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.RequestContext;
import dev.skyhook.hosts.api.http.UrlEncoding;
import dev.skyhook.hosts.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one reader of HTTP events: REST API proxy events, HTTP API events of payload 1.0 and 2.0, Lambda Function
 * URL events (payload 2.0), and the original upload API's non-proxy "method request passthrough" mapping template
 * ({@code body-json}, {@code params}, {@code context}), to {@link ApiRequest} and back. Each source's path is
 * decoded by its own rule ({@link EventSource}): HTTP APIs deliver it decoded, REST APIs and Function URLs as sent.
 * The answer takes the shape of the question. The signed-in user is the one API Gateway's Cognito
 * authorizer verified: its {@code cognito:username} claim. The function itself checks no token.
 */
public final class ApiGatewayEvents {

    private ApiGatewayEvents() {}

    public enum Format {
        REST_V1,
        HTTP_V2,
        MAPPING_TEMPLATE
    }

    /**
     * The request, and a refusal when its path or query could not be decoded (a malformed escape):
     * such a request is answered 400, never a failed invocation (which API Gateway turns into 502).
     * {@code gatewayCheckedApiKey}: API Gateway required and validated an API key for this request
     * (a REST API method with {@code ApiKeyRequired}, which names the key's id in
     * {@code requestContext.identity.apiKeyId}, or {@code context.api-key} in the passthrough
     * template). HTTP APIs and Function URLs have no API keys, so their events never say so.
     */
    public record Translated(
            EventSource source,
            Format format,
            ApiRequest request,
            Optional<HttpError> refusal,
            boolean gatewayCheckedApiKey) {
        Translated(EventSource source, Format format, ApiRequest request, boolean gatewayCheckedApiKey) {
            this(source, format, request, Optional.empty(), gatewayCheckedApiKey);
        }
    }

    public static Translated toRequest(Map<String, Object> event, String awsRequestId, Instant receivedAt) {
        if ("2.0".equals(event.get("version"))) {
            return fromHttpApi(
                    event, EventSource.ofPayload2(object(event, "requestContext")), awsRequestId, receivedAt);
        }
        if (event.get("httpMethod") != null) {
            // Only an HTTP API writes "version" into a payload 1.0 event; a REST API's has none.
            return fromRestApi(
                    event,
                    "1.0".equals(event.get("version")) ? EventSource.HTTP_API_V1 : EventSource.REST_API,
                    awsRequestId,
                    receivedAt);
        }
        if (event.get("params") != null && event.containsKey("body-json")) {
            return new Translated(
                    EventSource.MAPPING_TEMPLATE,
                    Format.MAPPING_TEMPLATE,
                    MappingTemplateEvents.toRequest(event, awsRequestId, receivedAt),
                    present(string(object(event, "context"), "api-key")));
        }
        throw new UnsupportedEventException(
                "not an API Gateway event (proxy payload 1.0 or 2.0, or the passthrough template)");
    }

    /** A payload 1.0 event, of a REST API or an HTTP API: the same fields, the path in the source's form. */
    private static Translated fromRestApi(
            Map<String, Object> event, EventSource source, String awsRequestId, Instant receivedAt) {
        String path = string(event, "path");
        if (path == null || !path.startsWith("/")) {
            throw new UnsupportedEventException("'path' must be an absolute path");
        }
        Map<String, List<String>> headers = stringLists(event, "multiValueHeaders");
        Map<String, List<String>> query = stringLists(event, "multiValueQueryStringParameters");
        Map<String, Object> context = object(event, "requestContext");
        Map<String, Object> identity = object(context, "identity");
        // An HTTP API puts a named stage in front of the path, as in rawPath; a REST API's path has none.
        Decoded decoded = Decoded.path(
                source, source == EventSource.HTTP_API_V1 ? withoutStage(path, string(context, "stage")) : path);
        return new Translated(
                source,
                Format.REST_V1,
                new ApiRequest(
                        string(event, "httpMethod").toUpperCase(Locale.ROOT),
                        decoded.path,
                        query != null ? query : singleValued(strings(event, "queryStringParameters")),
                        headers != null ? Headers.of(headers) : Headers.ofSingle(strings(event, "headers")),
                        body(event),
                        new RequestContext(
                                awsRequestId,
                                string(identity, "sourceIp"),
                                string(context, "protocol"),
                                string(identity, "caller"),
                                string(identity, "user"),
                                receivedAt,
                                cognitoUser(context, "requestContext.authorizer.claims", "claims"))),
                decoded.refusal,
                // HTTP APIs have no API keys: only a REST API's identity can say that API Gateway checked one.
                source == EventSource.REST_API && present(string(identity, "apiKeyId")));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** A decoded path and query, or the raw ones and why they could not be decoded. */
    private record Decoded(String path, Map<String, List<String>> query, Optional<HttpError> refusal) {
        static Decoded path(EventSource source, String path) {
            try {
                return new Decoded(source.decodePath(path), Map.of(), Optional.empty());
            } catch (HttpError malformed) {
                return new Decoded(path, Map.of(), Optional.of(malformed));
            }
        }

        /** The path in the source's form, and a raw query string, which every payload 2.0 source sends percent-encoded. */
        static Decoded pathAndQuery(EventSource source, String eventPath, String rawQuery) {
            Decoded path = path(source, eventPath);
            try {
                return new Decoded(path.path, UrlEncoding.parseQuery(rawQuery), path.refusal);
            } catch (HttpError malformed) {
                return new Decoded(path.path, Map.of(), path.refusal.or(() -> Optional.of(malformed)));
            }
        }
    }

    /** A payload 2.0 event, of an HTTP API or a Function URL. */
    private static Translated fromHttpApi(
            Map<String, Object> event, EventSource source, String awsRequestId, Instant receivedAt) {
        Map<String, Object> context = object(event, "requestContext");
        Map<String, Object> http = object(context, "http");
        String method = string(http, "method");
        String rawPath = string(event, "rawPath");
        if (method == null || rawPath == null || !rawPath.startsWith("/")) {
            throw new UnsupportedEventException("'requestContext.http.method' and an absolute 'rawPath' are required");
        }
        Headers.Builder headers = Headers.builder();
        strings(event, "headers").forEach(headers::add);
        List<String> cookies = stringList(event, "cookies");
        if (!cookies.isEmpty()) {
            headers.set("Cookie", String.join("; ", cookies));
        }
        Decoded decoded = Decoded.pathAndQuery(
                source, withoutStage(rawPath, string(context, "stage")), string(event, "rawQueryString"));
        return new Translated(
                source,
                Format.HTTP_V2,
                new ApiRequest(
                        method.toUpperCase(Locale.ROOT),
                        decoded.path,
                        decoded.query,
                        headers.build(),
                        body(event),
                        new RequestContext(
                                awsRequestId,
                                string(http, "sourceIp"),
                                string(http, "protocol"),
                                null,
                                null,
                                receivedAt,
                                cognitoUser(context, "requestContext.authorizer.jwt.claims", "jwt", "claims"))),
                decoded.refusal,
                false);
    }

    /**
     * The {@code cognito:username} claim at {@code requestContext.authorizer.<path>}. A missing or
     * odd-shaped authorizer is no user (a 401 for routes that need one), never a failed invocation.
     */
    private static Authentication cognitoUser(Map<String, Object> requestContext, String where, String... path) {
        Object node = requestContext.get("authorizer");
        if (!(node instanceof Map)) {
            return Authentication.none("the request carries no authorizer (requestContext.authorizer): "
                    + "API Gateway's Cognito authorizer must protect this route");
        }
        for (String name : path) {
            node = ((Map<?, ?>) node).get(name);
            if (!(node instanceof Map)) {
                return Authentication.none("the authorizer passed no claims (" + where + ")");
            }
        }
        return Authentication.fromClaims((Map<?, ?>) node, "the authorizer (" + where + ")");
    }

    /** HTTP APIs put a named stage in front of the path ({@code /prod/users}); routes do not include it. */
    private static String withoutStage(String rawPath, String stage) {
        if (stage == null || stage.isEmpty() || stage.equals("$default")) {
            return rawPath;
        }
        String prefix = "/" + stage;
        if (rawPath.equals(prefix)) {
            return "/";
        }
        return rawPath.startsWith(prefix + "/") ? rawPath.substring(prefix.length()) : rawPath;
    }

    private static byte[] body(Map<String, Object> event) {
        String body = string(event, "body");
        if (body == null) {
            return new byte[0];
        }
        if (!bool(event, "isBase64Encoded")) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedEventException("'body' is marked base64 but is not valid base64");
        }
    }

    private static Map<String, List<String>> singleValued(Map<String, String> values) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        values.forEach((name, value) -> multi.put(name, List.of(value)));
        return multi;
    }

    /** What the function returns: a proxy response, or for the mapping template the JSON body itself. */
    public static Object toResponse(Format format, ApiResponse response) {
        return toResponse(format, response, false);
    }

    /**
     * {@link #toResponse} as the JSON the runtime sends back: the same bytes as writing that, but a
     * text body goes from its bytes into the escaped {@code body} string without a String between.
     */
    public static byte[] writeResponse(Format format, ApiResponse response) {
        return Json.write(toResponse(format, response, true));
    }

    private static Object toResponse(Format format, ApiResponse response, boolean textAsBytes) {
        if (format == Format.MAPPING_TEMPLATE) {
            return MappingTemplateEvents.toResponse(response);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("statusCode", response.status());
        Map<String, List<String>> all = response.headers().asMap();
        if (format == Format.REST_V1) {
            // Both, as the original's clients read "headers"; API Gateway merges them (multi-value wins).
            Map<String, String> headers = new LinkedHashMap<>();
            all.forEach((name, values) -> headers.put(name, values.get(values.size() - 1)));
            result.put("headers", headers);
            result.put("multiValueHeaders", all);
        } else {
            Map<String, String> headers = new LinkedHashMap<>();
            List<String> cookies = new ArrayList<>();
            all.forEach((name, values) -> {
                if (name.equalsIgnoreCase("Set-Cookie")) {
                    cookies.addAll(values);
                } else {
                    headers.put(name, String.join(", ", values));
                }
            });
            result.put("headers", headers);
            if (!cookies.isEmpty()) {
                result.put("cookies", cookies);
            }
        }
        boolean text = response.body().length == 0
                || isText(response.headers().first("Content-Type").orElse(""));
        result.put(
                "body",
                text
                        ? (textAsBytes
                                ? new Json.Utf8Text(response.body())
                                : new String(response.body(), StandardCharsets.UTF_8))
                        : Base64.getEncoder().encodeToString(response.body()));
        result.put("isBase64Encoded", !text);
        return result;
    }

    private static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.startsWith("application/json")
                || type.contains("+json")
                || type.startsWith("application/xml")
                || type.startsWith("application/javascript");
    }
}
