package dev.skyhook.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * How many unicorns one rider may hold when a ride is stored: at most {@code maxRides} of the
 * rider's rides may have been requested at or after {@code since} (the rides whose unicorns are
 * still busy). {@link #NONE} when unicorns are never busy, so nothing is held.
 */
public record RiderLimit(int maxRides, Instant since) {
    public static final RiderLimit NONE = new RiderLimit(Integer.MAX_VALUE, Instant.MIN);

    public RiderLimit {
        if (maxRides < 1) {
            throw new IllegalArgumentException("maxRides must be at least 1: " + maxRides);
        }
        Objects.requireNonNull(since, "since");
    }

    /** Whether a store must check it; {@link #NONE} never refuses. */
    public boolean applies() {
        return !equals(NONE);
    }

    /** Whether a rider holding {@code held} rides of the window is refused another. */
    public boolean isReachedBy(int held) {
        return applies() && held >= maxRides;
    }
}
