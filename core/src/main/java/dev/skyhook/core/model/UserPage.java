package dev.skyhook.core.model;

import java.util.List;
import java.util.OptionalLong;

/** One page of users ordered by id; {@code next} is the cursor for the following page, if any. */
public record UserPage(List<User> users, OptionalLong next) {
    public UserPage {
        users = List.copyOf(users);
    }
}
