package dev.skyhook.core.model;

import java.util.Objects;

/** A unicorn of the fleet: who it is, where it waits and how fast it travels to a pickup. */
public record FleetUnicorn(Unicorn unicorn, Coordinates position, double metersPerSecond) {
    public FleetUnicorn {
        Objects.requireNonNull(unicorn, "unicorn");
        Objects.requireNonNull(position, "position");
        if (!(metersPerSecond > 0) || Double.isInfinite(metersPerSecond)) {
            throw new IllegalArgumentException(
                    "speed must be a positive number of meters per second: " + metersPerSecond);
        }
    }
}
