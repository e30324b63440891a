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
import dev.skyhook.hosts.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the acceptance suite cannot provoke on a real host: store failures and a fully booked fleet. */
class RideRoutesTest {
    private static final String BODY = "{\"PickupLocation\":{\"Latitude\":47.6174755835663,\"Longitude\":-122.28837066650185}}";

    private final InMemoryRideRepository repository = new InMemoryRideRepository();

    private HttpApi api(Fleet fleet, Duration busyFor) {
        RideService rides = new RideService(repository, new RideAssignment(fleet, busyFor),
            Clock.fixed(Instant.parse("2026-11-22T05:02:03Z"), ZoneOffset.UTC), new Random(7));
        return new HttpApi(new RideRoutes(rides, rides).routes(), AccessLog.discarding());
    }

    private static ApiResponse post(HttpApi api, String requestId) {
        RequestContext context = new RequestContext(requestId, "198.51.100.1", "HTTP/1.1", null, null, Instant.now(),
            Authentication.user("the_username"));
        return api.handle(new ApiRequest("POST", "/ride", Map.of(),
            Headers.ofSingle(Map.of("Content-Type", "application/json")), BODY.getBytes(StandardCharsets.UTF_8), context));
    }

    @Test
    void aStoreFailureIs500InTheOriginalsShapeWithTheReferenceAndCors() {
        repository.failWith(ErrorCode.STORE_FAILURE);

        ApiResponse response = post(api(Fleet.wildRydes(), Duration.ZERO), "request-500");

        assertThat(response.status()).isEqualTo(500);
        assertThat(Json.parse(response.body())).isEqualTo(Map.of("Error", "Internal server error", "Reference", "request-500"));
        assertThat(response.headers().first("Access-Control-Allow-Origin")).contains("*");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("simulated");
    }

    @Test
    void anUnreachableStoreIs503InTheSameShape() {
        repository.failWith(ErrorCode.STORE_UNAVAILABLE);

        ApiResponse response = post(api(Fleet.wildRydes(), Duration.ZERO), "request-503");

        assertThat(response.status()).isEqualTo(503);
        assertThat(Json.parse(response.body())).isEqualTo(Map.of("Error", WildRydesErrors.UNAVAILABLE, "Reference", "request-503"));
        assertThat(response.headers().first("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void aFullyBookedFleetIs503SayingSo() {
        Fleet one = new Fleet(List.of(new FleetUnicorn(new Unicorn("Solo", "Grey", "Female"), new Coordinates(47.6, -122.3), 10)));
        HttpApi api = api(one, Duration.ofMinutes(1));

        assertThat(post(api, "first").status()).isEqualTo(201);
        ApiResponse busy = post(api, "second");

        assertThat(busy.status()).isEqualTo(503);
        assertThat(Json.parse(busy.body())).isEqualTo(Map.of(
            "Error", "Every unicorn is on a ride; please try again in a minute", "Reference", "second"));
        assertThat(busy.headers().first("Access-Control-Allow-Origin")).contains("*");
    }
}
