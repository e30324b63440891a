package dev.skyhook.core.model;

import java.util.Objects;

/** A stored user. {@code id} is assigned by the repository. */
public record User(long id, String name, int age) {
    public User {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be positive: " + id);
        }
        Objects.requireNonNull(name, "name");
    }
}
