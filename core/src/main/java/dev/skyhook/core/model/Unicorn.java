package dev.skyhook.core.model;

import java.util.Objects;

/** A unicorn as riders see it: the original's {@code {"Name","Color","Gender"}}. */
public record Unicorn(String name, String color, String gender) {
    public Unicorn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(gender, "gender");
    }
}
