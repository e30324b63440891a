package dev.skyhook.hosts.api.users;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.fake.InMemoryUserRepository;
import dev.skyhook.core.model.User;
import dev.skyhook.core.model.UserPage;
import dev.skyhook.core.service.UserService;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.RequestContext;
import dev.skyhook.hosts.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Users are written straight into the answer: the bytes must be those of the page built as maps and
 * lists and written by {@link Json#write}, as it was answered before.
 */
class UserRoutesJsonTest {
    private static final List<String> NAMES = List.of(
            "Ann",
            "",
            "quote \" backslash \\ slash /",
            "tab\tnewline\ncontrol\u0001\u001f",
            "é ß 김 🦄 𝄞 \u2028",
            "unpaired \uD800 and \uDC00",
            "<script>alert(1)</script>");

    @Test
    void aPageIsWrittenAsItsMaps() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            users.add(new User(i + 1, NAMES.get(i), i * 20));
        }
        users.add(new User(Long.MAX_VALUE, "largest id", Integer.MAX_VALUE));
        for (OptionalLong next : List.of(OptionalLong.empty(), OptionalLong.of(8), OptionalLong.of(Long.MAX_VALUE))) {
            for (List<User> page : List.of(users, users.subList(0, 1), List.<User>of())) {
                UserPage userPage = new UserPage(page, next);
                assertThat(Json.write((Json.Writable) out -> UserRoutes.writePage(out, userPage)))
                        .as("%s, next %s", page, next)
                        .isEqualTo(Json.write(asMaps(userPage)));
            }
        }
    }

    @Test
    void theRoutesAnswerAsTheMapsWould() {
        InMemoryUserRepository repository = new InMemoryUserRepository();
        for (String name : NAMES) {
            repository.add(name, 30);
        }
        HttpApi api = new HttpApi(new UserRoutes(new UserService(repository)).routes(), AccessLog.discarding());

        ApiResponse first = api.handle(get("/users", Map.of("limit", "3")));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body())
                .isEqualTo(Json.write(asMaps(new UserPage(repository.listAfter(0, 3), OptionalLong.of(3)))));
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).endsWith(",\"next\":3}");

        ApiResponse last = api.handle(get("/users", Map.of("after", "3")));
        assertThat(last.body())
                .isEqualTo(Json.write(asMaps(new UserPage(repository.listAfter(3, 50), OptionalLong.empty()))));

        ApiResponse one = api.handle(get("/users/5", Map.of()));
        assertThat(one.body()).isEqualTo(Json.write(asMap(repository.findById(5).orElseThrow())));
    }

    private static ApiRequest get(String path, Map<String, String> query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        query.forEach((name, value) -> parameters.put(name, List.of(value)));
        return new ApiRequest(
                "GET",
                path,
                parameters,
                Headers.ofSingle(Map.of()),
                new byte[0],
                RequestContext.of("json", "198.51.100.1", Instant.EPOCH));
    }

    /** The page as the routes built it before: a map per user. */
    private static Map<String, Object> asMaps(UserPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", page.users().stream().map(UserRoutesJsonTest::asMap).toList());
        page.next().ifPresent(next -> body.put("next", next));
        return body;
    }

    private static Map<String, Object> asMap(User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("name", user.name());
        json.put("age", user.age());
        return json;
    }
}
