package dev.skyhook.hosts.api.rides;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.fake.InMemoryRideRepository;
import dev.skyhook.core.model.Coordinates;
import dev.skyhook.core.model.FleetUnicorn;
import dev.skyhook.core.model.Unicorn;
import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.policy.RideAssignment;
import dev.skyhook.core.service.RideService;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Authentication;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.RequestContext;
import dev.skyhook.hosts.api.http.RouteFamily;
import dev.skyhook.hosts.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the acceptance suite cannot provoke on a real host: store failures, a fully booked fleet, time passing. */
class RideRoutesTest {
    private static final String BODY =
            "{\"PickupLocation\":{\"Latitude\":47.6174755835663,\"Longitude\":-122.28837066650185}}";
    private static final Instant NOW = Instant.parse("2026-11-22T05:02:03Z");

    private final InMemoryRideRepository repository = new InMemoryRideRepository();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private HttpApi api(Fleet fleet, Duration busyFor) {
        // The clock is read at each request, so a test can move it between requests.
        Clock movable = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }
        };
        RideService rides = new RideService(repository, new RideAssignment(fleet, busyFor), movable, new Random(7));
        return new HttpApi(new RideRoutes(rides).routes(), AccessLog.discarding());
    }

    private static ApiResponse post(HttpApi api, String requestId) {
        return post(api, requestId, "the_username", Map.of());
    }

    private static ApiResponse post(HttpApi api, String requestId, String rider, Map<String, String> headers) {
        RequestContext context = new RequestContext(
                requestId, "198.51.100.1", "HTTP/1.1", null, null, Instant.now(), Authentication.user(rider));
        Map<String, String> sent = new HashMap<>(headers);
        sent.put("Content-Type", "application/json");
        return api.handle(new ApiRequest(
                "POST", "/ride", Map.of(), Headers.ofSingle(sent), BODY.getBytes(StandardCharsets.UTF_8), context));
    }

    @Test
    void aRiderHoldingAUnicornGets429WithRetryAfterInTheRidesShapeWhileAnotherRiderGets201() {
        HttpApi api = api(Fleet.wildRydes(), Duration.ofSeconds(60));
        assertThat(post(api, "first", "greedy", Map.of()).status()).isEqualTo(201);
        clock = Clock.offset(clock, Duration.ofMillis(20_250));

        ApiResponse refused = post(api, "second", "greedy", Map.of());

        assertThat(refused.status()).isEqualTo(429);
        // Booked at :03.000, busy through :03.000 + 60 s: free 39.751 s from now.
        assertThat(refused.headers().first("Retry-After")).contains("40");
        assertThat(Json.parse(refused.body()))
                .isEqualTo(Map.of(
                        "Error",
                        "You already have a unicorn on a ride, the most one rider may have at a time; try again in 40 seconds",
                        "Reference",
                        "second"));
        assertThat(refused.headers().first("Access-Control-Allow-Origin")).contains("*");
        assertThat(refused.headers().first("Access-Control-Expose-Headers")).contains("Retry-After");
        assertThat(refused.headers().first("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(repository.size()).as("the refusal stored nothing").isEqualTo(1);

        assertThat(post(api, "third", "patient", Map.of()).status()).isEqualTo(201);
    }

    @Test
    void afterTheRetryAfterDelayTheRiderBooksAgain() {
        HttpApi api = api(Fleet.wildRydes(), Duration.ofSeconds(60));
        post(api, "first", "greedy", Map.of());
        ApiResponse refused = post(api, "second", "greedy", Map.of());
        long retryAfter = Long.parseLong(refused.headers().first("Retry-After").orElseThrow());

        clock = Clock.offset(clock, Duration.ofSeconds(retryAfter));

        assertThat(retryAfter).isEqualTo(61);
        assertThat(post(api, "third", "greedy", Map.of()).status()).isEqualTo(201);
    }

    @Test
    void anIdempotentRetryOfTheHeldRideGetsTheSameRideNot429() {
        HttpApi api = api(Fleet.wildRydes(), Duration.ofSeconds(60));
        ApiResponse first = post(api, "first", "greedy", Map.of("Idempotency-Key", "ride-1"));
        clock = Clock.offset(clock, Duration.ofSeconds(30));

        ApiResponse retry = post(api, "retry", "greedy", Map.of("Idempotency-Key", "ride-1"));
        ApiResponse another = post(api, "another", "greedy", Map.of("Idempotency-Key", "ride-2"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(another.status()).isEqualTo(429);
        assertThat(another.headers().first("Retry-After")).contains("31");
        assertThat(repository.size()).isEqualTo(1);
    }

    @Test
    void aStoreFailureIs500InTheOriginalsShapeWithTheReferenceAndCors() {
        repository.failWith(ErrorCode.STORE_FAILURE);

        ApiResponse response = post(api(Fleet.wildRydes(), Duration.ZERO), "request-500");

        assertThat(response.status()).isEqualTo(500);
        assertThat(Json.parse(response.body()))
                .isEqualTo(Map.of("Error", "Internal server error", "Reference", "request-500"));
        assertThat(response.headers().first("Access-Control-Allow-Origin")).contains("*");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("simulated");
    }

    @Test
    void anUnreachableStoreIs503InTheSameShape() {
        repository.failWith(ErrorCode.STORE_UNAVAILABLE);

        ApiResponse response = post(api(Fleet.wildRydes(), Duration.ZERO), "request-503");

        assertThat(response.status()).isEqualTo(503);
        assertThat(Json.parse(response.body()))
                .isEqualTo(Map.of("Error", RouteFamily.RIDES.unavailableMessage(), "Reference", "request-503"));
        assertThat(response.headers().first("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void aFullyBookedFleetIs503SayingSo() {
        Fleet one = new Fleet(
                List.of(new FleetUnicorn(new Unicorn("Solo", "Grey", "Female"), new Coordinates(47.6, -122.3), 10)));
        HttpApi api = api(one, Duration.ofMinutes(1));

        assertThat(post(api, "first").status()).isEqualTo(201);
        ApiResponse busy = post(api, "second", "someone_else", Map.of());

        assertThat(busy.status()).isEqualTo(503);
        assertThat(Json.parse(busy.body()))
                .isEqualTo(Map.of(
                        "Error", "Every unicorn is on a ride; please try again in a minute", "Reference", "second"));
        assertThat(busy.headers().first("Access-Control-Allow-Origin")).contains("*");
    }
}
