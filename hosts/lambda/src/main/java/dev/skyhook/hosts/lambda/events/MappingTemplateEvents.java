package dev.skyhook.hosts.lambda.events;

import static dev.skyhook.hosts.lambda.events.EventFields.object;
import static dev.skyhook.hosts.lambda.events.EventFields.string;
import static dev.skyhook.hosts.lambda.events.EventFields.strings;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.RequestContext;
import dev.skyhook.hosts.json.Json;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The non-proxy integration of the original upload API: API Gateway's "method request passthrough" template puts
 * the body, base64-encoded for binary media types such as multipart, in {@code body-json}, the
 * path variables, query and headers under {@code params}, and the method and resource under
 * {@code context}. The function's result becomes the response body as it is.
 */
final class MappingTemplateEvents {
    private static final String SEED_RESOURCE = "/images/{path}";

    private MappingTemplateEvents() {}

    static ApiRequest toRequest(Map<String, Object> event, String awsRequestId, Instant receivedAt) {
        Map<String, Object> params = object(event, "params");
        Map<String, String> pathVariables = strings(params, "path");
        Map<String, Object> context = object(event, "context");
        String method = string(context, "http-method");
        Map<String, List<String>> query = new LinkedHashMap<>();
        strings(params, "querystring").forEach((name, value) -> query.put(name, List.of(value)));
        return new ApiRequest(
                method == null ? "POST" : method.toUpperCase(Locale.ROOT),
                path(string(context, "resource-path"), pathVariables),
                query,
                Headers.ofSingle(strings(params, "header")),
                body(event.get("body-json")),
                new RequestContext(
                        awsRequestId,
                        string(context, "source-ip"),
                        null,
                        string(context, "caller"),
                        string(context, "user"),
                        receivedAt));
    }

    /** The resource template with its variables filled in, e.g. {@code /images/{path}} and {@code profile}. */
    private static String path(String resource, Map<String, String> variables) {
        String path = resource == null ? SEED_RESOURCE : resource;
        if (!path.startsWith("/")) {
            throw new UnsupportedEventException("'context.resource-path' must be an absolute path");
        }
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            path = path.replace("{" + variable.getKey() + "+}", variable.getValue())
                    .replace("{" + variable.getKey() + "}", variable.getValue());
        }
        return path;
    }

    private static byte[] body(Object bodyJson) {
        if (bodyJson == null) {
            return new byte[0];
        }
        if (bodyJson instanceof String base64) {
            try {
                return Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEventException("'body-json' is not valid base64");
            }
        }
        // A JSON body passes through the template as JSON.
        return Json.write(bodyJson);
    }

    static Object toResponse(ApiResponse response) {
        try {
            return Json.parse(response.body());
        } catch (RuntimeException notJson) {
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("statusCode", response.status());
            wrapped.put("data", Base64.getEncoder().encodeToString(response.body()));
            return wrapped;
        }
    }
}
