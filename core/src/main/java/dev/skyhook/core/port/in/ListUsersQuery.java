package dev.skyhook.core.port.in;

import dev.skyhook.core.error.DomainException;

/** Users with an id greater than {@code after}, at most {@code limit} of them. */
public record ListUsersQuery(long after, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public ListUsersQuery {
        if (after < 0) {
            throw DomainException.invalid("after", "after must be a user id (0 or more)");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
        }
    }
}
