package dev.skyhook.benchmarks.coldstart;

import dev.skyhook.hosts.json.Json;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * One request of the benchmark as API Gateway (REST API, payload 1.0) sends it to a function, and
 * what a correct answer looks like: a benchmark of error responses would measure nothing.
 *
 * @param name how the report names it, e.g. {@code GET /users}
 * @param function the Lambda host's function for it (one per route family, as the SAM template deploys them)
 * @param expectedStatus the status a correct answer has
 * @param expectedInBody text a correct answer's body contains
 */
record ColdStartRequest(
        String name, String function, int expectedStatus, String expectedInBody, Map<String, Object> event) {
    static final String RIDER = "the_username";
    static final String API_KEY = "cold-start-benchmark-key";
    private static final String BOUNDARY = "----skyhook-cold-start";

    static List<ColdStartRequest> all() {
        return List.of(hello(), users(), ride(), images());
    }

    static ColdStartRequest hello() {
        return new ColdStartRequest(
                "GET /hello",
                "dev.skyhook.hosts.lambda.HelloHandler::handleRequest",
                200,
                "Hello from Lambda!",
                event("GET", "/hello", "/hello", Map.of(), Map.of("Accept", "*/*"), null, false, Map.of()));
    }

    static ColdStartRequest users() {
        Map<String, Object> event =
                event("GET", "/users", "/users", Map.of(), Map.of("Accept", "application/json"), null, false, Map.of());
        event.put("queryStringParameters", Map.of("limit", "10"));
        event.put("multiValueQueryStringParameters", Map.of("limit", List.of("10")));
        return new ColdStartRequest(
                "GET /users", "dev.skyhook.hosts.lambda.UsersHandler::handleRequest", 200, "\"users\"", event);
    }

    /** The Wild Rydes booking, signed in by the Cognito authorizer: both hosts read its claims from the event on Lambda. */
    static ColdStartRequest ride() {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization", "a-cognito-id-token");
        String body = "{\"PickupLocation\":{\"Latitude\":47.6174755835663,\"Longitude\":-122.28837066650185}}";
        Map<String, Object> authorizer =
                Map.of("claims", Map.of("cognito:username", RIDER, "email", RIDER + "@example.com"));
        return new ColdStartRequest(
                "POST /ride",
                "dev.skyhook.hosts.lambda.RidesHandler::handleRequest",
                201,
                "\"RideId\"",
                event("POST", "/ride", "/ride", Map.of(), headers, body, false, authorizer));
    }

    /** A small JPEG in a multipart body, base64-encoded as API Gateway sends binary media types. */
    static ColdStartRequest images() {
        byte[] multipart = multipart(smallJpeg());
        Map<String, String> headers =
                Map.of("Content-Type", "multipart/form-data; boundary=" + BOUNDARY, "x-api-key", API_KEY);
        return new ColdStartRequest(
                "POST /images/post",
                "dev.skyhook.hosts.lambda.ImagesHandler::handleRequest",
                200,
                "\"statusCode\":200",
                event(
                        "POST",
                        "/images/{path}",
                        "/images/post",
                        Map.of("path", "post"),
                        headers,
                        Base64.getEncoder().encodeToString(multipart),
                        true,
                        Map.of()));
    }

    /** The event for one invocation, with a fresh API Gateway request id. */
    String eventJson() {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        @SuppressWarnings("unchecked")
        Map<String, Object> context = new LinkedHashMap<>((Map<String, Object>) event.get("requestContext"));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("requestTimeEpoch", System.currentTimeMillis());
        copy.put("requestContext", context);
        return Json.writeString(copy);
    }

    private static Map<String, Object> event(
            String method,
            String resource,
            String path,
            Map<String, String> pathParameters,
            Map<String, String> headers,
            String body,
            boolean base64,
            Map<String, Object> authorizer) {
        Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> multiValueHeaders.put(name, List.of(value)));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("resourcePath", resource);
        context.put("httpMethod", method);
        context.put("path", "/prod" + path);
        context.put("protocol", "HTTP/1.1");
        context.put("stage", "prod");
        context.put("accountId", "000000000000");
        context.put("apiId", "coldstart");
        Map<String, Object> identity =
                new LinkedHashMap<>(Map.of("sourceIp", "203.0.113.7", "userAgent", "cold-start-benchmark"));
        if (headers.containsKey("x-api-key")) {
            // A method with ApiKeyRequired: API Gateway checked the key and names it in the identity.
            identity.put("apiKey", headers.get("x-api-key"));
            identity.put("apiKeyId", "coldstart1");
        }
        context.put("identity", identity);
        if (!authorizer.isEmpty()) {
            context.put("authorizer", authorizer);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", resource);
        event.put("path", path);
        event.put("httpMethod", method);
        event.put("headers", headers);
        event.put("multiValueHeaders", multiValueHeaders);
        event.put("queryStringParameters", null);
        event.put("multiValueQueryStringParameters", null);
        event.put("pathParameters", pathParameters.isEmpty() ? null : pathParameters);
        event.put("stageVariables", null);
        event.put("requestContext", context);
        event.put("body", body);
        event.put("isBase64Encoded", base64);
        return event;
    }

    private static byte[] smallJpeg() {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(40, 120, 200));
        graphics.fillRect(0, 0, 64, 48);
        graphics.setColor(Color.ORANGE);
        graphics.fillOval(16, 8, 32, 32);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] multipart(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cold.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(jpeg);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
