package dev.skyhook.hosts.lambda.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents.Translated;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One event per source, shaped after AWS's published sample events, each carrying {@code GET /img/post/100%25.jpg} as
 * that source writes it, and the same with a space, a plus and non-ASCII letters: every source must hand the routes
 * the key the client meant, decoded once. HTTP APIs deliver the path decoded (decoding it again made
 * {@code 100%.jpg} a malformed escape, a 400), REST APIs, Function URLs and CloudFront as sent, S3 form-encoded.
 */
class EventSourceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T05:02:03Z");
    /** The image route's shape of path, answering the key it was given. */
    private static final HttpApi API = new HttpApi(
            List.of(Route.of(
                    "GET",
                    "/img/{key+}",
                    RouteFamily.IMAGE_DELIVERY,
                    (request, path) -> ApiResponse.json(
                            200,
                            Map.of(
                                    "key",
                                    path.get("key"),
                                    "w",
                                    request.queryParameter("w").orElse(""))))),
            AccessLog.discarding());

    /** A key as the client means it, and as it is written percent-encoded. */
    private record Key(String meant, String percentEncoded, String formEncoded) {
        String in(EventSource source) {
            return source.deliversDecodedPaths() ? meant : percentEncoded;
        }
    }

    private static final List<Key> KEYS = List.of(
            new Key("post/100%.jpg", "post/100%25.jpg", "post/100%25.jpg"),
            new Key("post/a b.jpg", "post/a%20b.jpg", "post/a+b.jpg"),
            new Key("post/a+b.jpg", "post/a+b.jpg", "post/a%2Bb.jpg"),
            new Key(
                    "post/유니콘 ü.jpg",
                    "post/%EC%9C%A0%EB%8B%88%EC%BD%98%20%C3%BC.jpg",
                    "post/%EC%9C%A0%EB%8B%88%EC%BD%98+%C3%BC.jpg"));

    static Stream<Arguments> httpSourcesAndKeys() {
        Map<String, EventSource> fixtures = new LinkedHashMap<>();
        fixtures.put("rest-v1/get-img-percent-key.json", EventSource.REST_API);
        fixtures.put("http-v1/get-img-percent-key.json", EventSource.HTTP_API_V1);
        fixtures.put("http-v2/get-img-percent-key.json", EventSource.HTTP_API_V2);
        fixtures.put("function-url/get-img-percent-key.json", EventSource.FUNCTION_URL);
        return fixtures.entrySet().stream()
                .flatMap(fixture -> KEYS.stream().map(key -> Arguments.of(fixture.getKey(), fixture.getValue(), key)));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("httpSourcesAndKeys")
    void everyHttpSourceHandsTheRoutesTheKeyTheClientMeant(String fixture, EventSource source, Key key)
            throws IOException {
        Map<String, Object> event = fixture(fixture);
        withPath(event, "/img/" + key.in(source));

        Translated translated = ApiGatewayEvents.toRequest(event, "lambda-id", NOW);
        assertThat(translated.source()).isEqualTo(source);
        assertThat(translated.refusal()).isEmpty();
        ApiResponse response = API.handle(translated.request());

        assertThat(response.status()).as("%s", new String(response.body())).isEqualTo(200);
        assertThat(Json.parse(response.body())).isEqualTo(Map.of("key", key.meant(), "w", "100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void aCloudFrontOriginRequestCarriesTheUriAsTheViewerSentIt(Key key) throws IOException {
        Map<String, Object> request = CloudFrontEvents.request(fixture("cloudfront/origin-request.json"));
        request.put("uri", "/" + key.percentEncoded());

        assertThat(EventSource.CLOUDFRONT_ORIGIN_REQUEST.decodePath(CloudFrontEvents.uri(request)))
                .isEqualTo("/" + key.meant());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void anS3NotificationCarriesTheKeyFormEncoded(Key key) throws IOException {
        Map<String, Object> event = fixture("s3/object-created-percent-key.json");
        object(object(first(event), "s3"), "object").put("key", key.formEncoded());

        assertThat(S3Events.createdObjects(event))
                .singleElement()
                .satisfies(created -> assertThat(created.key()).isEqualTo(key.meant()))
                .satisfies(created -> assertThat(created.bucket()).isEqualTo("skyhook-images"));
    }

    static Stream<Key> keys() {
        return KEYS.stream();
    }

    /** Puts {@code path} where the event's source writes the path, in every field that repeats it. */
    private static void withPath(Map<String, Object> event, String path) {
        Map<String, Object> context = object(event, "requestContext");
        if (event.containsKey("rawPath")) {
            event.put("rawPath", path);
            object(context, "http").put("path", path);
        } else {
            event.put("path", path);
            boolean restApi = !event.containsKey("version");
            context.put("path", restApi ? "/" + context.get("stage") + path : path);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> event) {
        return (Map<String, Object>) ((List<Object>) event.get("Records")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String name) {
        return (Map<String, Object>) parent.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixture(String name) throws IOException {
        try (InputStream in = EventSourceTest.class.getResourceAsStream("/events/" + name)) {
            return (Map<String, Object>) Json.parse(in.readAllBytes());
        }
    }
}
