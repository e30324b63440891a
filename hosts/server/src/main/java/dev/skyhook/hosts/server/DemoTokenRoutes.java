package dev.skyhook.hosts.server;

import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Bodies;
import dev.skyhook.hosts.api.http.ErrorFormat;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /auth/demo-token} with {@code {"username": "alice"}}: a rider token for the local demo
 * (and a later demo page), in place of signing in to Cognito. Local server only: it is off when the
 * server runs on Lambda, and {@code DEMO_TOKENS=false} turns it off elsewhere.
 */
final class DemoTokenRoutes {
    static final int MAX_USERNAME_LENGTH = 128;

    private final RiderTokens tokens;

    DemoTokenRoutes(RiderTokens tokens) {
        this.tokens = tokens;
    }

    List<Route> routes() {
        return List.of(Route.of("POST", "/auth/demo-token", ErrorFormat.DEFAULT, (request, path) -> issue(request)));
    }

    private ApiResponse issue(ApiRequest request) {
        Bodies.requireJson(request, 4 * 1024);
        String username = JsonObject.parse(request.body(), Set.of("username")).requiredString("username").strip();
        // Cognito's own limit, and no characters that would make a log line or a header lie.
        if (username.isEmpty() || username.length() > MAX_USERNAME_LENGTH || username.codePoints().anyMatch(Character::isISOControl)) {
            throw HttpError.badRequest("username", "username must be 1 to " + MAX_USERNAME_LENGTH + " characters without control characters");
        }
        RiderTokens.IssuedToken issued = tokens.issue(username);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("username", issued.username());
        body.put("expiresAt", issued.expiresAt().toString());
        return ApiResponse.json(200, body);
    }
}
