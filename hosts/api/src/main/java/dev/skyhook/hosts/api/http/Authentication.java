package dev.skyhook.hosts.api.http;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the host says is calling, or why it cannot say. Hosts authenticate (API Gateway's authorizer
 * claims on Lambda, a verified JWT on the local server); routes only read the result.
 */
public final class Authentication {
    /**
     * The claim that names the user: what API Gateway's Cognito authorizer passes on AWS, and what the
     * local server's own tokens carry, so a rider or file owner is the same name on every host.
     */
    public static final String USERNAME_CLAIM = "cognito:username";

    private static final Authentication ANONYMOUS = new Authentication(null, "no credentials were given");

    private final String username;
    private final String problem;

    private Authentication(String username, String problem) {
        this.username = username;
        this.problem = problem;
    }

    /** A caller the host has verified. */
    public static Authentication user(String username) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("an authenticated user needs a name");
        }
        return new Authentication(username, null);
    }

    /** No verified caller; {@code problem} says why, for the 401 a route answers with. */
    public static Authentication none(String problem) {
        return new Authentication(null, Objects.requireNonNull(problem, "problem"));
    }

    /**
     * The user that verified {@code claims} name in {@link #USERNAME_CLAIM}; none when the claim is
     * missing or not a name. {@code source} says where the claims came from, for the 401.
     */
    public static Authentication fromClaims(Map<?, ?> claims, String source) {
        Object username = claims.get(USERNAME_CLAIM);
        if (!(username instanceof String name) || name.isBlank()) {
            return none(source + " has no " + USERNAME_CLAIM + " claim");
        }
        return user(name);
    }

    public static Authentication anonymous() {
        return ANONYMOUS;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The verified user's name; without one a 401 saying that a signed-in {@code role} is required, and why there is none. */
    public String requiredUsername(String role) {
        if (username == null) {
            throw HttpError.unauthorized("A signed-in " + role + " is required: " + problem);
        }
        return username;
    }

    /** Why there is no user; empty when there is one. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Authentication that
                && Objects.equals(username, that.username)
                && Objects.equals(problem, that.problem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(username, problem);
    }

    @Override
    public String toString() {
        return username != null ? "user " + username : "none (" + problem + ")";
    }
}
