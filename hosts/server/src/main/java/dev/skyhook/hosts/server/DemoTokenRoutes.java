package dev.skyhook.hosts.server;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Bodies;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.JsonObject;
import dev.skyhook.hosts.api.http.Route;
import dev.skyhook.hosts.api.http.RouteFamily;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /auth/demo-token} with {@code {"username": "alice"}}: a user token for the local demo, in place
 * of signing in to Cognito. A token names any user it is asked for, so it is handed only to a caller on this
 * machine ({@link ThisMachine}) and the route exists only on a server not configured for real users
 * ({@link ServerSettings#demoTokensServed()}); it is off on Lambda, and {@code DEMO_TOKENS=false} turns it off.
 */
final class DemoTokenRoutes {
    static final int MAX_USERNAME_LENGTH = 128;

    private final UserTokens tokens;

    DemoTokenRoutes(UserTokens tokens) {
        this.tokens = tokens;
    }

    List<Route> routes() {
        return List.of(Route.of("POST", "/auth/demo-token", RouteFamily.GENERAL, (request, path) -> issue(request)));
    }

    private ApiResponse issue(ApiRequest request) {
        if (!ThisMachine.isCaller(request)) {
            throw new DomainException(
                    ErrorCode.FORBIDDEN,
                    "demo tokens are handed only to callers on the server's own machine"
                            + " (a loopback address, with localhost or 127.0.0.1 in Host)");
        }
        Bodies.requireJson(request, 4 * 1024);
        String username = JsonObject.parse(request.body(), Set.of("username"))
                .requiredString("username")
                .strip();
        // Cognito's own limit, and no characters that would make a log line or a header lie.
        if (username.isEmpty()
                || username.length() > MAX_USERNAME_LENGTH
                || username.codePoints().anyMatch(Character::isISOControl)) {
            throw HttpError.badRequest(
                    "username",
                    "username must be 1 to " + MAX_USERNAME_LENGTH + " characters without control characters");
        }
        UserTokens.IssuedToken issued = tokens.issue(username);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("username", issued.username());
        body.put("expiresAt", issued.expiresAt().toString());
        return ApiResponse.json(200, body);
    }
}
