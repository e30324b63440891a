package dev.skyhook.hosts.api.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.skyhook.core.fake.InMemoryUserRepository;
import dev.skyhook.core.model.User;
import dev.skyhook.core.service.UserService;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.RequestContext;
import dev.skyhook.hosts.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arbitrary {@code POST /users} bodies through {@link HttpApi}: the answer is 201 with the stored
 * user, or 400/413 with nothing stored; never a 500 (an unexpected exception inside a route).
 * Saved inputs in {@code UserRoutesFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class UserRoutesFuzzTest {
    private static final Set<Integer> DESIGNED_STATUSES = Set.of(201, 400, 413);

    @FuzzTest
    void registerAnswersAsDesigned(byte[] body) {
        InMemoryUserRepository users = new InMemoryUserRepository();
        UserService service = new UserService(users);
        HttpApi api = new HttpApi(new UserRoutes(service).routes(), AccessLog.discarding());

        ApiResponse response = api.handle(new ApiRequest(
                "POST",
                "/users",
                Map.of(),
                Headers.ofSingle(Map.of("Content-Type", "application/json")),
                body,
                RequestContext.of("fuzz", "198.51.100.1", Instant.EPOCH)));

        assertThat(DESIGNED_STATUSES).contains(response.status());
        Object answer = Json.parse(response.body());
        List<User> stored = users.listAfter(0, 10);
        if (response.status() == 201) {
            assertThat(stored).hasSize(1);
            Map<?, ?> user = (Map<?, ?>) answer;
            assertThat(user.get("name")).isEqualTo(stored.get(0).name());
            assertThat(user.get("age")).isEqualTo(stored.get(0).age());
            assertThat(response.headers().first("Location")).contains("/users/" + user.get("id"));
        } else {
            assertThat(stored).isEmpty();
            assertThat(((Map<?, ?>) answer).get("error")).isInstanceOf(String.class);
        }
    }
}
