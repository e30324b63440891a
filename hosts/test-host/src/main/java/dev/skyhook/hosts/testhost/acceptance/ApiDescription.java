package dev.skyhook.hosts.testhost.acceptance;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The API's description ({@code docs/openapi.yaml}, on the class path as {@code /openapi.yaml}) as a check of
 * what a host answered. A response must have a status its operation lists (or one of the root's
 * {@code x-host-refusals}, which any request may get), every header the response marks required, a listed
 * media type, and a JSON body that fits the schema. Requests no operation takes are held to the root's
 * {@code x-unrouted} answers, in the path's own error shape when the path gives one ({@code x-method-not-allowed}).
 * Requests themselves are not checked: the hostile-input catalogue sends invalid ones on purpose.
 */
public final class ApiDescription {
    private static final String DOCUMENT_IRI = "https://skyhook.invalid/openapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final ApiDescription INSTANCE = load("/openapi.yaml");

    private final JsonNode document;
    private final List<PathTemplate> paths;
    private final SchemaRegistry schemas;
    private final Map<String, Schema> schemaCache = new ConcurrentHashMap<>();

    private ApiDescription(JsonNode document) {
        this.document = document;
        this.paths = pathTemplates(document);
        this.schemas = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, JSON.writeValueAsString(document))));
    }

    /** The description every host is held to. */
    public static ApiDescription of() {
        return INSTANCE;
    }

    static ApiDescription load(String resource) {
        try (InputStream in = ApiDescription.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the API description is missing from the class path: " + resource);
            }
            return new ApiDescription(YAMLMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails, naming every difference, when {@code response} is not what the description says {@code request} may get. */
    public void check(HostRequest request, HostResponse response) {
        List<String> problems = problems(request, response);
        if (!problems.isEmpty()) {
            throw new AssertionError("the answer to " + request.method() + " " + abbreviate(request.target())
                    + " is not what docs/openapi.yaml describes: " + String.join("; ", problems) + "\nanswer: "
                    + abbreviate(response.toString()));
        }
    }

    /** How {@code response} departs from the description; empty when it fits. */
    public List<String> problems(HostRequest request, HostResponse response) {
        String status = Integer.toString(response.status());
        Optional<String> responsePointer = responseFor(request, status);
        if (responsePointer.isEmpty()) {
            return List.of("status " + status + " is not documented for " + describe(request));
        }
        String pointer = resolve(responsePointer.get());
        JsonNode described = at(pointer);
        List<String> problems = new ArrayList<>();
        if (response.status() == 405
                && !described.path("headers").has("Allow")
                && response.header("Allow").isEmpty()) {
            problems.add("a 405 without Allow"); // RFC 9110 15.5.6, in whichever family's shape the path answers
        }
        checkHeaders(pointer, described, response, problems);
        checkContent(pointer, described, request.method().equals("HEAD"), response, problems);
        return problems;
    }

    /** The pointer of the response object for this status, after the operation's own list, the root's fallbacks. */
    private Optional<String> responseFor(HostRequest request, String status) {
        Optional<MatchedPath> path = match(request);
        if (path.isPresent()) {
            String method = request.method().toLowerCase(Locale.ROOT);
            JsonNode item = at(path.get().pointer());
            if (method.equals("head") && !item.has("head")) {
                method = "get"; // HEAD is answered wherever GET is, without the body
            }
            if (item.has(method)) {
                String responses = path.get().pointer() + "/" + method + "/responses";
                if (at(responses).has(status)) {
                    return Optional.of(responses + "/" + status);
                }
                return hostRefusal(request, status);
            }
            if (status.equals("405")) {
                return Optional.of(
                        item.has("x-method-not-allowed")
                                ? path.get().pointer() + "/x-method-not-allowed"
                                : inFamilyShape(request, "/x-unrouted/405"));
            }
        } else if (status.equals("404")) {
            return Optional.of(inFamilyShape(request, "/x-unrouted/404"));
        }
        return hostRefusal(request, status);
    }

    private Optional<String> hostRefusal(HostRequest request, String status) {
        return document.path("x-host-refusals").has(status)
                ? Optional.of(inFamilyShape(request, "/x-host-refusals/" + status))
                : Optional.empty();
    }

    /**
     * A refusal made before any route ran answers in the shape of the family whose prefix the raw path has
     * ({@code x-error-families}); other paths keep {@code fallback}.
     */
    private String inFamilyShape(HostRequest request, String fallback) {
        String target = request.target();
        int query = target.indexOf('?');
        String rawPath = query < 0 ? target : target.substring(0, query);
        for (Map.Entry<String, JsonNode> family :
                document.path("x-error-families").properties()) {
            if (rawPath.equals(family.getKey()) || rawPath.startsWith(family.getKey() + "/")) {
                return "/x-error-families/" + escape(family.getKey());
            }
        }
        return fallback;
    }

    private void checkHeaders(String pointer, JsonNode described, HostResponse response, List<String> problems) {
        for (Map.Entry<String, JsonNode> header : described.path("headers").properties()) {
            String headerPointer = resolve(pointer + "/headers/" + escape(header.getKey()));
            JsonNode definition = at(headerPointer);
            Optional<String> value = response.header(header.getKey());
            if (value.isEmpty()) {
                if (definition.path("required").asBoolean(false)) {
                    problems.add("header " + header.getKey() + " is missing");
                }
                continue;
            }
            if (definition.has("schema")) {
                JsonNode schema = definition.get("schema");
                JsonNode instance = schema.path("type").asString("").equals("integer")
                                && value.get().matches("-?[0-9]{1,18}")
                        ? JSON.readTree(value.get())
                        : JSON.valueToTree(value.get());
                for (Error error : schema(headerPointer + "/schema").validate(instance)) {
                    problems.add("header " + header.getKey() + ": " + error.getMessage());
                }
            }
        }
    }

    private void checkContent(
            String pointer, JsonNode described, boolean head, HostResponse response, List<String> problems) {
        if (!described.has("content")) {
            if (response.body().length > 0) {
                problems.add("a body where none is described (" + response.body().length + " bytes)");
            }
            return;
        }
        if (head) {
            return; // the headers were checked; HEAD has no body
        }
        Optional<String> type = response.header("Content-Type").map(ApiDescription::mediaType);
        if (type.isEmpty()) {
            problems.add("no Content-Type");
            return;
        }
        Optional<String> key = mediaTypeKey(described.get("content"), type.get());
        if (key.isEmpty()) {
            problems.add("media type " + type.get() + " is not one of "
                    + described.get("content").propertyNames());
            return;
        }
        if (!isJson(type.get())) {
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            problems.add("the body is not JSON");
            return;
        }
        String schemaPointer = pointer + "/content/" + escape(key.get()) + "/schema";
        for (Error error : schema(schemaPointer).validate(body)) {
            problems.add("body " + error.getInstanceLocation() + ": " + error.getMessage());
        }
    }

    private static Optional<String> mediaTypeKey(JsonNode content, String type) {
        String anySubtype = type.substring(0, type.indexOf('/') + 1) + "*";
        for (String candidate : List.of(type, anySubtype, "*/*")) {
            if (content.has(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String type) {
        return type.equals("application/json") || type.endsWith("+json");
    }

    private Schema schema(String pointer) {
        return schemaCache.computeIfAbsent(pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + p)));
    }

    /** Follows {@code $ref}s within the document until the pointer names an object without one. */
    private String resolve(String pointer) {
        String current = pointer;
        for (int hops = 0; hops < 10; hops++) {
            JsonNode node = at(current);
            if (!node.has("$ref")) {
                return current;
            }
            String ref = node.get("$ref").asString();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only references within the document are supported: " + ref);
            }
            current = ref.substring(1);
        }
        throw new IllegalStateException("a $ref cycle at " + pointer);
    }

    private JsonNode at(String pointer) {
        JsonNode node = document.at(pointer);
        if (node.isMissingNode()) {
            throw new IllegalStateException("docs/openapi.yaml has nothing at " + pointer);
        }
        return node;
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String describe(HostRequest request) {
        return request.method() + " " + abbreviate(request.target());
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private record MatchedPath(String pointer) {}

    /** A path of the description as a pattern: a parameter is one segment, or several when it says {@code x-multi-segment}. */
    private record PathTemplate(String template, Pattern pattern, int parameters) {}

    private Optional<MatchedPath> match(HostRequest request) {
        String path;
        try {
            path = request.parsedTarget().path();
        } catch (RuntimeException e) {
            return Optional.empty(); // a malformed escape: no route takes it
        }
        for (PathTemplate template : paths) {
            if (template.pattern().matcher(path).matches()) {
                return Optional.of(new MatchedPath("/paths/" + escape(template.template())));
            }
        }
        return Optional.empty();
    }

    /** Literal paths first, then the ones with fewer parameters, as OpenAPI matches them. */
    private static List<PathTemplate> pathTemplates(JsonNode document) {
        List<PathTemplate> templates = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            StringBuilder regex = new StringBuilder();
            Matcher parameter = PARAMETER.matcher(path.getKey());
            int end = 0;
            int count = 0;
            while (parameter.find()) {
                regex.append(Pattern.quote(path.getKey().substring(end, parameter.start())));
                regex.append(isMultiSegment(path.getValue(), parameter.group(1)) ? ".+" : "[^/]+");
                end = parameter.end();
                count++;
            }
            regex.append(Pattern.quote(path.getKey().substring(end)));
            templates.add(new PathTemplate(path.getKey(), Pattern.compile(regex.toString()), count));
        }
        templates.sort(Comparator.comparingInt(PathTemplate::parameters));
        return List.copyOf(templates);
    }

    private static boolean isMultiSegment(JsonNode pathItem, String name) {
        for (JsonNode parameter : pathItem.path("parameters")) {
            if (parameter.path("name").asString("").equals(name)
                    && parameter.path("in").asString("").equals("path")) {
                return parameter.path("x-multi-segment").asBoolean(false);
            }
        }
        return false;
    }
}
