package dev.skyhook.hosts.testhost;

import dev.skyhook.core.fake.InMemoryRideRepository;
import dev.skyhook.core.fake.InMemoryUserRepository;
import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.policy.RideAssignment;
import dev.skyhook.core.service.GreetingService;
import dev.skyhook.core.service.RideService;
import dev.skyhook.core.service.UserService;
import dev.skyhook.hosts.api.greeting.GreetingRoutes;
import dev.skyhook.hosts.api.health.HealthRoutes;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.rides.RideRoutes;
import dev.skyhook.hosts.api.users.UserRoutes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The whole API in this process on in-memory adapters, wired with {@code new}. */
public final class TestHost {
    private final HttpApi api;
    private final InMemoryRideRepository rides = new InMemoryRideRepository();

    public TestHost(AccessLog accessLog) {
        UserService userService = new UserService(new InMemoryUserRepository());
        // Unicorns are free again at once (no busy time), as on every acceptance host: scenarios stay independent.
        RideService rideService = new RideService(rides, new RideAssignment(Fleet.wildRydes(), Duration.ZERO),
            Clock.systemUTC(), new SecureRandom());
        api = new HttpApi(HttpApi.concat(
            new GreetingRoutes(new GreetingService()).routes(),
            new UserRoutes(userService, userService, userService).routes(),
            new RideRoutes(rideService, rideService).routes(),
            // Memory is always reachable.
            new HealthRoutes(Map.of("users", () -> true)).routes()), accessLog);
    }

    public TestHost() {
        this(AccessLog.discarding());
    }

    /** How many rides this host has stored, for scenarios that prove a refusal wrote nothing. */
    public long storedRideCount() {
        return rides.size();
    }

    public ApiResponse handle(ApiRequest request) {
        return api.handle(request);
    }
}
