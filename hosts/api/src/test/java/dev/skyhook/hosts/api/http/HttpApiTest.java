package dev.skyhook.hosts.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.hosts.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiTest {
    private static final RouteFamily USERS_STYLE = RouteFamily.USERS;
    private final List<String> accessLog = new ArrayList<>();

    private ApiResponse call(Endpoint endpoint, String method, String path) {
        HttpApi api = new HttpApi(
                List.of(Route.of("GET", "/things/{id}", USERS_STYLE, endpoint)), new AccessLog(accessLog::add));
        return api.handle(new ApiRequest(
                method,
                path,
                Map.of(),
                Headers.empty(),
                new byte[0],
                new RequestContext(
                        "req-1", "198.51.100.1", "HTTP/1.1", null, null, Instant.parse("2026-11-22T05:02:03Z"))));
    }

    @Test
    void aCompressedBodyIs415BeforeTheRouteReadsIt() {
        HttpApi api = new HttpApi(
                List.of(Route.of("POST", "/things", USERS_STYLE, (request, path) -> {
                    throw new AssertionError("the route must not see the body");
                })),
                new AccessLog(accessLog::add));
        ApiResponse response = api.handle(new ApiRequest(
                "POST",
                "/things",
                Map.of(),
                Headers.builder()
                        .add("Content-Type", "application/json")
                        .add("Content-Encoding", "identity, gzip")
                        .build(),
                new byte[] {0x1f, (byte) 0x8b},
                new RequestContext(
                        "req-1", "198.51.100.1", "HTTP/1.1", null, null, Instant.parse("2026-11-22T05:02:03Z"))));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.headers().first("Accept-Encoding")).contains("identity");
        assertThat(Json.parse(response.body()))
                .isEqualTo(Map.of("error", "Content-Encoding gzip is not supported: send the body uncompressed"));
    }

    @Test
    void unexpectedFailuresAre500WithoutTheirMessage() {
        ApiResponse response = call(
                (request, path) -> {
                    throw new IllegalStateException("password=hunter2 at db.internal");
                },
                "GET",
                "/things/1");

        assertThat(response.status()).isEqualTo(500);
        assertThat(new String(response.body()))
                .doesNotContain("hunter2")
                .doesNotContain("db.internal")
                .contains("Internal server error");
    }

    @Test
    void storeOutagesAre503WithTheRoutesFixedMessage() {
        ApiResponse response = call(
                (request, path) -> {
                    throw new DomainException(
                            ErrorCode.STORE_UNAVAILABLE, "Communications link failure to 10.0.0.5:3306");
                },
                "GET",
                "/things/1");

        assertThat(response.status()).isEqualTo(503);
        assertThat(Json.parse(response.body())).isEqualTo(Map.of("error", "Could not connect to MySQL database"));
    }

    @Test
    void noCapacityWithARetryHintIs503WithRetryAfterInTheRoutesShape() {
        ApiResponse response = call(
                (request, path) -> {
                    throw DomainException.noCapacity(
                            "Too many images are being rendered; try again shortly", java.time.Duration.ofMillis(1500));
                },
                "GET",
                "/things/1");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().first("Retry-After")).contains("2");
        assertThat(Json.parse(response.body()))
                .isEqualTo(Map.of("error", "Too many images are being rendered; try again shortly"));
    }

    @Test
    void storeFailuresAre500WithoutTheirMessage() {
        ApiResponse response = call(
                (request, path) -> {
                    throw new DomainException(ErrorCode.STORE_FAILURE, "Table 'Users' doesn't exist");
                },
                "GET",
                "/things/1");

        assertThat(response.status()).isEqualTo(500);
        assertThat(new String(response.body())).doesNotContain("Users");
    }

    @Test
    void aReachedLimitIs429WithRetryAfterInWholeSecondsRoundedUp() {
        ApiResponse response = call(
                (request, path) -> {
                    throw DomainException.limitReached("You hold all you may hold", Duration.ofMillis(1_500));
                },
                "GET",
                "/things/1");

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.headers().first("Retry-After")).contains("2");
        assertThat(Json.parse(response.body())).isEqualTo(Map.of("error", "You hold all you may hold"));
    }

    @Test
    void retryAfterIsAtLeastOneSecond() {
        assertThat(HttpApi.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(HttpApi.retryAfterSeconds(Duration.ofSeconds(60))).isEqualTo(60);
        assertThat(HttpApi.retryAfterSeconds(Duration.ofSeconds(60).plusNanos(1)))
                .isEqualTo(61);
    }

    @Test
    void otherErrorsHaveNoRetryAfter() {
        ApiResponse response = call(
                (request, path) -> {
                    throw new DomainException(ErrorCode.NO_CAPACITY, "Every unicorn is on a ride");
                },
                "GET",
                "/things/1");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().first("Retry-After")).isEmpty();
    }

    @Test
    void everyDomainCodeHasAStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorStatus.of(code)).isBetween(400, 599);
        }
    }

    @Test
    void writesOneAccessLogLineWithApiGatewaysFields() {
        call((request, path) -> ApiResponse.json(200, "ok"), "GET", "/things/7");

        assertThat(accessLog).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> line = (Map<String, Object>) Json.parse(accessLog.get(0));
        assertThat(line)
                .containsOnlyKeys(
                        "requestId",
                        "ip",
                        "caller",
                        "user",
                        "requestTime",
                        "httpMethod",
                        "resourcePath",
                        "status",
                        "protocol",
                        "responseLength",
                        "latencyMs");
        assertThat(line)
                .containsEntry("requestId", "req-1")
                .containsEntry("ip", "198.51.100.1")
                .containsEntry("caller", "-")
                .containsEntry("user", "-")
                .containsEntry("requestTime", "22/Nov/2026:05:02:03 +0000")
                .containsEntry("httpMethod", "GET")
                .containsEntry("resourcePath", "/things/{id}")
                .containsEntry("status", 200)
                .containsEntry("protocol", "HTTP/1.1")
                .containsEntry("responseLength", 4);
    }

    @Test
    void refusalsAreLoggedToo() {
        call((request, path) -> ApiResponse.json(200, "ok"), "POST", "/things/7");
        call((request, path) -> ApiResponse.json(200, "ok"), "GET", "/elsewhere");

        assertThat(accessLog).hasSize(2);
        assertThat(accessLog.get(0)).contains("\"status\":405").contains("\"resourcePath\":\"/things/{id}\"");
        assertThat(accessLog.get(1)).contains("\"status\":404").contains("\"resourcePath\":\"/elsewhere\"");
    }

    private ApiResponse ridesApi(String method, String path) {
        HttpApi api = new HttpApi(
                List.of(Route.of(
                        "POST", "/ride", RouteFamily.RIDES, (request, variables) -> ApiResponse.json(201, "ok"))),
                AccessLog.discarding());
        return api.handle(new ApiRequest(
                method, path, Map.of(), Headers.empty(), new byte[0], RequestContext.of("req-9", null, Instant.now())));
    }

    private static void assertRidesShape(ApiResponse response) {
        assertThat(response.headers().first("Access-Control-Allow-Origin")).contains("*");
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.parse(response.body());
        assertThat(body).containsOnlyKeys("Error", "Reference").containsEntry("Reference", "req-9");
    }

    @Test
    void refusalsBeforeAnyRouteAnswerInTheShapeOfTheFamilyThatOwnsThePath() {
        ApiResponse noRoute = ridesApi("GET", "/ride/a/b");
        assertThat(noRoute.status()).isEqualTo(404);
        assertRidesShape(noRoute);

        ApiResponse wrongMethod = ridesApi("DELETE", "/ride");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.headers().first("Allow")).contains("POST");
        assertRidesShape(wrongMethod);

        HttpApi api = new HttpApi(List.of(), AccessLog.discarding());
        ApiResponse malformed = api.refuse(
                new ApiRequest(
                        "POST",
                        "/ride",
                        Map.of(),
                        Headers.empty(),
                        new byte[0],
                        RequestContext.of("req-9", null, Instant.now())),
                400,
                "query string has a malformed percent escape");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.headers().first("X-Request-Id")).contains("req-9");
        assertRidesShape(malformed);
    }

    @Test
    void aPathOnlyLooksLikeAFamilysWhenItIsBelowItsPrefix() {
        assertThat(RouteFamily.owning("/ride")).isEqualTo(RouteFamily.RIDES);
        assertThat(RouteFamily.owning("/ride/x/y")).isEqualTo(RouteFamily.RIDES);
        assertThat(RouteFamily.owning("/rides")).isEqualTo(RouteFamily.GENERAL);
        assertThat(RouteFamily.owning("/images/post")).isEqualTo(RouteFamily.IMAGE_UPLOADS);
        assertThat(RouteFamily.owning("/img/post/a.jpg")).isEqualTo(RouteFamily.IMAGE_DELIVERY);
        assertThat(RouteFamily.owning("/")).isEqualTo(RouteFamily.GENERAL);

        ApiResponse elsewhere = ridesApi("GET", "/rides");
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.headers().first("Access-Control-Allow-Origin")).isEmpty();
        assertThat(Json.parse(elsewhere.body())).isEqualTo(Map.of("error", "No route for GET /rides"));
    }
}
