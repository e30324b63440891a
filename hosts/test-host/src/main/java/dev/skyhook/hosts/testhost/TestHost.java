package dev.skyhook.hosts.testhost;

import dev.skyhook.core.fake.InMemoryUserRepository;
import dev.skyhook.core.service.GreetingService;
import dev.skyhook.core.service.UserService;
import dev.skyhook.hosts.api.greeting.GreetingRoutes;
import dev.skyhook.hosts.api.health.HealthRoutes;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.users.UserRoutes;
import java.util.Map;

/** The whole API in this process on in-memory adapters, wired with {@code new}. */
public final class TestHost {
    private final HttpApi api;

    public TestHost(AccessLog accessLog) {
        UserService userService = new UserService(new InMemoryUserRepository());
        api = new HttpApi(HttpApi.concat(
            new GreetingRoutes(new GreetingService()).routes(),
            new UserRoutes(userService, userService, userService).routes(),
            // Memory is always reachable.
            new HealthRoutes(Map.of("users", () -> true)).routes()), accessLog);
    }

    public TestHost() {
        this(AccessLog.discarding());
    }

    public ApiResponse handle(ApiRequest request) {
        return api.handle(request);
    }
}
