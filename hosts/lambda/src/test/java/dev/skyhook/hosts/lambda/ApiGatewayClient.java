package dev.skyhook.hosts.lambda;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.UrlEncoding;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Format;
import dev.skyhook.hosts.testhost.acceptance.AcceptanceSuite;
import dev.skyhook.hosts.testhost.acceptance.HostClient;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.Target;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Plays API Gateway: turns a request into a proxy event of one payload format, hands it to the
 * function its route is mapped to, and reads the function's answer back as HTTP.
 */
final class ApiGatewayClient implements HostClient {
    /** The id API Gateway gives the usage plan's key that the acceptance suite sends. */
    static final String GATEWAY_API_KEY_ID = "k3yid00001";

    private final Format format;
    private final Function<String, RequestStreamHandler> functionForPath;

    ApiGatewayClient(Format format, Function<String, RequestStreamHandler> functionForPath) {
        this.format = format;
        this.functionForPath = functionForPath;
    }

    @Override
    public HostResponse send(HostRequest request) throws Exception {
        Map<String, Object> event;
        String routedPath;
        if (format == Format.REST_V1) {
            // A REST API keeps the path percent-encoded in "path" and decodes the query parameters.
            Target target = restTarget(request.target());
            event = restEvent(request, target);
            routedPath = target.path();
        } else {
            // An HTTP API decodes the path into rawPath (despite its name) and passes the query string as sent.
            int mark = request.target().indexOf('?');
            String rawPath = mark < 0 ? request.target() : request.target().substring(0, mark);
            String path = decodedLikeAnHttpApi(rawPath);
            event = httpEvent(request, path, mark < 0 ? "" : request.target().substring(mark + 1));
            routedPath = path;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        functionForPath
                .apply(routedPath)
                .handleRequest(new ByteArrayInputStream(Json.write(event)), output, new TestContext());
        return toResponse(output.toByteArray());
    }

    /** The target as a REST API hands it on; a path that does not decode reaches the function as sent, which refuses it. */
    private static Target restTarget(String target) {
        try {
            return Target.parse(target);
        } catch (HttpError malformed) {
            int mark = target.indexOf('?');
            String rawPath = mark < 0 ? target : target.substring(0, mark);
            String rawQuery = mark < 0 ? "" : target.substring(mark + 1);
            return new Target(rawPath, rawPath, rawQuery, UrlEncoding.parseQuery(rawQuery));
        }
    }

    /** What an HTTP API writes into rawPath: the path decoded; one that does not decode never reaches a function, so as sent. */
    private static String decodedLikeAnHttpApi(String rawPath) {
        try {
            return UrlEncoding.decodePath(rawPath);
        } catch (HttpError malformed) {
            return rawPath;
        }
    }

    static Map<String, Object> restEvent(HostRequest request, Target target) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", "/{proxy+}");
        event.put("path", target.rawPath());
        event.put("httpMethod", request.method());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        event.put("headers", singleValued(headers));
        event.put("multiValueHeaders", headers);
        event.put("queryStringParameters", target.query().isEmpty() ? null : singleValued(target.query()));
        event.put("multiValueQueryStringParameters", target.query().isEmpty() ? null : target.query());
        event.put("pathParameters", Map.of("proxy", target.path().substring(1)));
        Map<String, Object> identity =
                new LinkedHashMap<>(Map.of("sourceIp", "203.0.113.7", "userAgent", "acceptance"));
        // A method with ApiKeyRequired: API Gateway admits only its usage plan's key and names it in the identity.
        if (request.headers().entrySet().stream()
                .anyMatch(header -> header.getKey().equalsIgnoreCase("x-api-key")
                        && header.getValue().equals(AcceptanceSuite.API_KEY))) {
            identity.put("apiKey", AcceptanceSuite.API_KEY);
            identity.put("apiKeyId", GATEWAY_API_KEY_ID);
        }
        Map<String, Object> context = new LinkedHashMap<>(Map.of(
                "requestId",
                "api-" + System.nanoTime(),
                "protocol",
                "HTTP/1.1",
                "stage",
                "prod",
                "identity",
                identity));
        // A Cognito user pool authorizer passes the ID token's claims; the function trusts them.
        request.user().ifPresent(user -> context.put("authorizer", Map.of("claims", claims(user))));
        event.put("requestContext", context);
        putBody(event, request.body());
        return event;
    }

    /** An HTTP API event (payload 2.0) for {@code path}, decoded as an HTTP API delivers it, and the query as sent. */
    static Map<String, Object> httpEvent(HostRequest request, String path, String rawQuery) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        // A named stage: the function must strip it from rawPath.
        event.put("rawPath", "/prod" + path);
        event.put("rawQueryString", rawQuery);
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), value));
        event.put("headers", headers);
        Map<String, Object> context = new LinkedHashMap<>(Map.of(
                "requestId",
                "api-" + System.nanoTime(),
                "stage",
                "prod",
                "http",
                Map.of(
                        "method",
                        request.method(),
                        "path",
                        "/prod" + path,
                        "protocol",
                        "HTTP/1.1",
                        "sourceIp",
                        "203.0.113.7",
                        "userAgent",
                        "acceptance")));
        // An HTTP API JWT authorizer (Cognito as issuer) passes the claims under "jwt".
        request.user()
                .ifPresent(user ->
                        context.put("authorizer", Map.of("jwt", Map.of("claims", claims(user), "scopes", List.of()))));
        event.put("requestContext", context);
        putBody(event, request.body());
        return event;
    }

    private static Map<String, Object> claims(String user) {
        return Map.of(
                "cognito:username",
                user,
                "sub",
                java.util
                        .UUID
                        .nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8))
                        .toString(),
                "token_use",
                "id");
    }

    private static void putBody(Map<String, Object> event, byte[] body) {
        // API Gateway base64-encodes binary media types; send bodies that way to exercise decoding.
        event.put("body", body.length == 0 ? null : Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", body.length > 0);
    }

    @SuppressWarnings("unchecked")
    private static HostResponse toResponse(byte[] output) {
        Map<String, Object> result = (Map<String, Object>) Json.parse(output);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Object multi = result.get("multiValueHeaders");
        if (multi != null) {
            ((Map<String, List<String>>) multi).forEach(headers::put);
        }
        Object single = result.get("headers");
        if (single != null) {
            ((Map<String, String>) single).forEach((name, value) -> headers.putIfAbsent(name, List.of(value)));
        }
        String body = (String) result.getOrDefault("body", "");
        byte[] bytes = Boolean.TRUE.equals(result.get("isBase64Encoded"))
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new HostResponse(((Number) result.get("statusCode")).intValue(), headers, bytes);
    }

    private static Map<String, String> singleValued(Map<String, List<String>> multi) {
        Map<String, String> single = new LinkedHashMap<>();
        multi.forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
        return single;
    }
}
