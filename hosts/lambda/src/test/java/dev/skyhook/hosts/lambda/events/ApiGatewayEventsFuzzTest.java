package dev.skyhook.hosts.lambda.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.json.JsonSyntaxException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arbitrary JSON bytes as API Gateway events, one target per payload format (the format's marker is
 * forced in so the fuzzer explores that format's fields). The adapter either translates the event or
 * refuses it with an {@link UnsupportedEventException} (or a 400 {@link HttpError} for a malformed
 * percent escape in the path); a translated request then goes through {@link HttpApi} and back into
 * the event's response shape without a 500 and without an exception.
 * Saved inputs in {@code ApiGatewayEventsFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class ApiGatewayEventsFuzzTest {
    private static final RouteFamily ERRORS = RouteFamily.GENERAL;
    /** Reads every part of the request, as a real route would. */
    private static final HttpApi API = new HttpApi(
            List.of(
                    Route.of("POST", "/echo/{id}", ERRORS, (request, path) -> {
                        Map<String, Object> echo = new LinkedHashMap<>();
                        echo.put("id", path.get("id"));
                        echo.put("query", request.query());
                        echo.put("headers", request.headers().asMap());
                        echo.put("bodyLength", request.body().length);
                        echo.put(
                                "rider",
                                request.context().authentication().username().orElse(null));
                        return ApiResponse.json(200, echo);
                    }),
                    Route.of(
                            "GET",
                            "/bytes",
                            ERRORS,
                            (request, path) -> new ApiResponse(
                                    200,
                                    dev.skyhook.hosts.api.http.Headers.builder()
                                            .add("Content-Type", "image/png")
                                            .add("Set-Cookie", "a=1")
                                            .add("Set-Cookie", "b=2")
                                            .build(),
                                    request.body()))),
            AccessLog.discarding());

    @FuzzTest
    void restV1EventsTranslateOrAreRefused(byte[] json) {
        Map<String, Object> event = event(json);
        if (event == null) {
            return;
        }
        event.remove("version");
        event.putIfAbsent("httpMethod", "POST");
        roundTrip(event, ApiGatewayEvents.Format.REST_V1);
    }

    @FuzzTest
    void httpV2EventsTranslateOrAreRefused(byte[] json) {
        Map<String, Object> event = event(json);
        if (event == null) {
            return;
        }
        event.put("version", "2.0");
        roundTrip(event, ApiGatewayEvents.Format.HTTP_V2);
    }

    @FuzzTest
    void mappingTemplateEventsTranslateOrAreRefused(byte[] json) {
        Map<String, Object> event = event(json);
        if (event == null) {
            return;
        }
        event.remove("version");
        event.remove("httpMethod");
        event.putIfAbsent("params", Map.of());
        event.putIfAbsent("body-json", null);
        roundTrip(event, ApiGatewayEvents.Format.MAPPING_TEMPLATE);
    }

    /** The event as the handler reads it: any JSON object; other documents are refused before the adapter. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(byte[] json) {
        try {
            Object parsed = Json.parse(json);
            return parsed instanceof Map ? (Map<String, Object>) parsed : null;
        } catch (JsonSyntaxException e) {
            return null;
        }
    }

    private static void roundTrip(Map<String, Object> event, ApiGatewayEvents.Format expected) {
        ApiGatewayEvents.Translated translated;
        try {
            translated = ApiGatewayEvents.toRequest(event, "fuzz-request", Instant.EPOCH);
        } catch (UnsupportedEventException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        } catch (HttpError e) {
            assertThat(e.status()).isEqualTo(400);
            return;
        }
        assertThat(translated.format()).isEqualTo(expected);
        ApiResponse response = API.handle(translated.request());
        assertThat(response.status()).as("status of %s", translated.request()).isNotEqualTo(500);

        Object answer = ApiGatewayEvents.toResponse(translated.format(), response);
        byte[] written = Json.write(answer);
        if (expected == ApiGatewayEvents.Format.MAPPING_TEMPLATE) {
            assertThat(written).isNotEmpty();
        } else {
            Map<?, ?> proxy = (Map<?, ?>) Json.parse(written);
            assertThat(proxy.get("statusCode")).isEqualTo(response.status());
            assertThat(proxy.get("isBase64Encoded")).isInstanceOf(Boolean.class);
        }
    }
}
