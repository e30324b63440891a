package dev.skyhook.hosts.api.rides;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.skyhook.core.fake.InMemoryRideRepository;
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
import dev.skyhook.hosts.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Arbitrary {@code POST /ride} bodies from a signed-in rider through {@link HttpApi}: 201 with one
 * ride stored, or 400/413 with nothing stored, always in the Wild Rydes error shape; never a 500.
 * Saved inputs in {@code RideRoutesFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class RideRoutesFuzzTest {
    private static final Set<Integer> DESIGNED_STATUSES = Set.of(201, 400, 413);

    @FuzzTest
    void requestRideAnswersAsDesigned(byte[] body) {
        InMemoryRideRepository rides = new InMemoryRideRepository();
        // Unicorns are free again at once, so every valid request can be served.
        RideService service = new RideService(
                rides,
                new RideAssignment(Fleet.wildRydes(), Duration.ZERO),
                Clock.fixed(Instant.parse("2026-11-22T05:02:03Z"), ZoneOffset.UTC),
                new Random(7));
        HttpApi api = new HttpApi(new RideRoutes(service).routes(), AccessLog.discarding());
        RequestContext context = new RequestContext(
                "fuzz", "198.51.100.1", "HTTP/1.1", null, null, Instant.EPOCH, Authentication.user("rider"));

        ApiResponse response = api.handle(new ApiRequest(
                "POST",
                "/ride",
                Map.of(),
                Headers.ofSingle(Map.of("Content-Type", "application/json")),
                body,
                context));

        assertThat(DESIGNED_STATUSES).contains(response.status());
        assertThat(response.headers().first("Access-Control-Allow-Origin")).contains("*");
        Map<?, ?> answer = (Map<?, ?>) Json.parse(response.body());
        if (response.status() == 201) {
            assertThat(rides.size()).isEqualTo(1);
            assertThat(answer.get("Rider")).isEqualTo("rider");
            assertThat(rides.findById((String) answer.get("RideId"))).isPresent();
        } else {
            assertThat(rides.size()).isZero();
            assertThat(answer.get("Error")).isInstanceOf(String.class);
        }
    }
}
