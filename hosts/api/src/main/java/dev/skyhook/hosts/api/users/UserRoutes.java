package dev.skyhook.hosts.api.users;

import dev.skyhook.core.model.User;
import dev.skyhook.core.model.UserPage;
import dev.skyhook.core.port.in.ListUsersQuery;
import dev.skyhook.core.port.in.RegisterUserCommand;
import dev.skyhook.core.service.UserService;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Bodies;
import dev.skyhook.hosts.api.http.JsonObject;
import dev.skyhook.hosts.api.http.Parameters;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import dev.skyhook.hosts.json.Json;
import java.util.List;
import java.util.Set;

/** {@code GET /users}, {@code GET /users/{id}} and {@code POST /users}. */
public final class UserRoutes {
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final RouteFamily ERRORS = RouteFamily.USERS;
    private static final Json.Name USERS = Json.Name.of("users");
    private static final Json.Name NEXT = Json.Name.of("next");
    private static final Json.Name ID = Json.Name.of("id");
    private static final Json.Name NAME = Json.Name.of("name");
    private static final Json.Name AGE = Json.Name.of("age");
    private static final String AGE_RANGE = "age must be an integer from 0 to " + RegisterUserCommand.MAX_AGE;

    private final UserService users;

    public UserRoutes(UserService users) {
        this.users = users;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/users", ERRORS, (request, path) -> list(request)),
                Route.of("POST", "/users", ERRORS, (request, path) -> register(request)),
                Route.of("GET", "/users/{id}", ERRORS, (request, path) -> get(path.get("id"))));
    }

    private ApiResponse list(ApiRequest request) {
        long after = request.queryParameter("after")
                .map(v -> Parameters.nonNegativeLong("after", v, "after must be a user id (0 or more)"))
                .orElse(0L);
        int limit = request.queryParameter("limit")
                .map(v -> Parameters.nonNegativeLong(
                        "limit", v, "limit must be an integer from 1 to " + ListUsersQuery.MAX_LIMIT))
                .map(v -> (int) Math.min(v, Integer.MAX_VALUE))
                .orElse(ListUsersQuery.DEFAULT_LIMIT);
        UserPage page = users.list(new ListUsersQuery(after, limit));
        return ApiResponse.json(200, (Json.Writable) out -> writePage(out, page));
    }

    private ApiResponse get(String id) {
        User user = users.get(Parameters.nonNegativeLong("id", id, "id must be a positive integer"));
        return ApiResponse.json(200, json(user));
    }

    private ApiResponse register(ApiRequest request) {
        Bodies.requireJson(request, MAX_BODY_BYTES);
        JsonObject body = JsonObject.parse(request.body(), Set.of("name", "age"));
        RegisterUserCommand command =
                new RegisterUserCommand(body.requiredString("name"), body.requiredInt("age", AGE_RANGE));
        User user = users.register(command);
        return ApiResponse.json(201, json(user)).withHeader("Location", "/users/" + user.id());
    }

    /**
     * {@code {"users":[...],"next":N}}, {@code next} only when there is a following page: written
     * straight into the answer, with no map per user (a page is up to the largest limit of users).
     */
    static void writePage(Json.Output out, UserPage page) {
        out.beginObject().name(USERS).beginArray();
        for (User user : page.users()) {
            writeUser(out, user);
        }
        out.endArray();
        if (page.next().isPresent()) {
            out.name(NEXT).value(page.next().getAsLong());
        }
        out.endObject();
    }

    private static Json.Writable json(User user) {
        return out -> writeUser(out, user);
    }

    private static void writeUser(Json.Output out, User user) {
        out.beginObject()
                .name(ID)
                .value(user.id())
                .name(NAME)
                .value(user.name())
                .name(AGE)
                .value(user.age())
                .endObject();
    }
}
