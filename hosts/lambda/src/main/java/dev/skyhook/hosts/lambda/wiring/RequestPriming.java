package dev.skyhook.hosts.lambda.wiring;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.assembly.Assembly;
import dev.skyhook.hosts.assembly.Randomness;
import dev.skyhook.hosts.assembly.RouteTable;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.ApiGatewayEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart invoke priming without side effects: before the snapshot, each request a function serves
 * from a store runs once through the function's own routes and services, on {@link PrimingAdapters}
 * (DynamoDB and S3 answered offline, the database only read, on a connection closed before the
 * snapshot). That runs, once, the code a restored copy's first request would otherwise run cold: JSON,
 * the service, the SDK's endpoint rules, marshalling and signing, the JDBC driver's query path, the
 * image codec. A failing priming request is logged on one line and skipped: init goes on.
 */
final class RequestPriming {
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(RequestPriming.class);
    }

    private static final String REQUEST_ID = "snapstart-priming";
    private static final String BOUNDARY = "snapstart-priming";

    /**
     * One request as API Gateway sends it, the route family that answers it and the status a correct
     * answer has.
     */
    record Sample(
            String method,
            String path,
            Function<RouteTable, List<Route>> family,
            int expectedStatus,
            Supplier<String> event) {
        String name() {
            return method + " " + path;
        }

        /** Whether {@code routes} (a function's) answer this request. */
        boolean servedBy(List<Route> routes) {
            for (Route route : routes) {
                if (route.method().equals(method) && route.path().match(path).isPresent()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The reads and writes of the functions' first requests, none of which reaches a store's data: a
     * page of users after the largest id there can be (an empty page, the list's own query), a ride
     * and an image stored offline.
     */
    private static List<Sample> samples() {
        return List.of(
                new Sample("GET", "/users", RouteTable::users, 200, () -> """
                    {"resource":"/users","path":"/users","httpMethod":"GET","headers":{"Accept":"application/json"},
                     "queryStringParameters":{"after":"9223372036854775807","limit":"1"},
                     "requestContext":{"requestId":"%s","protocol":"HTTP/1.1","identity":{}}}""".formatted(REQUEST_ID)),
                new Sample("POST", "/ride", RouteTable::rides, 201, () -> """
                    {"resource":"/ride","path":"/ride","httpMethod":"POST","headers":{"Content-Type":"application/json"},
                     "body":"{\\"PickupLocation\\":{\\"Latitude\\":47.6174755835663,\\"Longitude\\":-122.28837066650185}}",
                     "isBase64Encoded":false,
                     "requestContext":{"requestId":"%s","protocol":"HTTP/1.1","identity":{},
                       "authorizer":{"claims":{"cognito:username":"%s"}}}}""".formatted(REQUEST_ID, REQUEST_ID)),
                new Sample("POST", "/images/post", RouteTable::images, 200, () ->
                        """
                    {"resource":"/images/{path}","path":"/images/post","httpMethod":"POST",
                     "headers":{"Content-Type":"multipart/form-data; boundary=%s"},"pathParameters":{"path":"post"},
                     "body":"%s","isBase64Encoded":true,
                     "requestContext":{"requestId":"%s","protocol":"HTTP/1.1","identity":{}}}""".formatted(BOUNDARY, imageUpload(), REQUEST_ID)));
    }

    private RequestPriming() {}

    /**
     * Runs the samples that a function serving {@code served} answers, on {@code app} moved onto priming
     * adapters, with a generator of their own: the ids and keys they mint are thrown away and the graph's
     * generator draws nothing.
     */
    static void run(List<Route> served, Assembly app, ConnectionPools pools) {
        List<Sample> mine =
                samples().stream().filter(sample -> sample.servedBy(served)).toList();
        if (mine.isEmpty()) {
            return;
        }
        try (PrimingAdapters adapters = new PrimingAdapters(app.settings(), pools)) {
            Assembly offline = app.on(
                    adapters,
                    new Assembly.Options(
                            Clock.systemUTC(), Randomness.secure(), Assembly.Instruments.NONE, Optional.empty()));
            for (Sample sample : mine) {
                prime(sample, offline);
            }
            if (mine.stream().anyMatch(sample -> sample.name().equals("POST /ride"))) {
                primeDynamoDbHttp(adapters);
            }
        } catch (Exception | LinkageError e) {
            skipped("the function's requests", e.toString());
        }
    }

    /**
     * Runs the sample's route directly, not through an {@link HttpApi}: a failure is then this class's
     * one log line, not also the API's error log (the dry request has run the API's own code already).
     */
    private static void prime(Sample sample, Assembly offline) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> event =
                    (Map<String, Object>) Json.parse(sample.event().get());
            ApiGatewayEvents.Translated translated = ApiGatewayEvents.toRequest(event, REQUEST_ID, Instant.now());
            ApiRequest request = translated.request();
            for (Route route : sample.family().apply(offline.routes())) {
                Optional<Map<String, String>> variables = route.path().match(request.path());
                if (route.method().equals(request.method()) && variables.isPresent()) {
                    ApiResponse response = route.endpoint().handle(request, variables.get());
                    ApiGatewayEvents.writeResponse(translated.format(), response);
                    if (response.status() != sample.expectedStatus()) {
                        skipped(sample.name(), "answered " + response.status() + ", not " + sample.expectedStatus());
                    }
                    return;
                }
            }
            skipped(sample.name(), "no route answers it");
        } catch (RuntimeException | LinkageError e) {
            skipped(sample.name(), e.toString());
        }
    }

    private static void primeDynamoDbHttp(PrimingAdapters adapters) {
        try {
            adapters.primeDynamoDbHttp();
        } catch (RuntimeException | LinkageError e) {
            skipped("the DynamoDB HTTP client", e.toString());
        }
    }

    private static void skipped(String what, String why) {
        Log.LOG.warn("SnapStart priming of {} failed: {}; the function starts anyway", what, why);
    }

    /** A multipart body with one 16x16 JPEG, base64 as API Gateway passes binary media types. */
    private static String imageUpload() {
        byte[] jpeg;
        try (InputStream in =
                RequestPriming.class.getResourceAsStream("/dev/skyhook/hosts/lambda/snapstart/priming.jpg")) {
            if (in == null) {
                throw new IllegalStateException("snapstart/priming.jpg is missing from the package");
            }
            jpeg = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] head = ("--" + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"priming.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + jpeg.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(jpeg, 0, body, head.length, jpeg.length);
        System.arraycopy(tail, 0, body, head.length + jpeg.length, tail.length);
        return Base64.getEncoder().encodeToString(body);
    }
}
