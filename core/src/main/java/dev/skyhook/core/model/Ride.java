package dev.skyhook.core.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A booked ride: what the original {@code requestUnicorn.js} stored ({@code RideId}, {@code User},
 * {@code Unicorn}, {@code RequestTime}). The request time is kept to the millisecond, as
 * JavaScript's {@code toISOString()} wrote it.
 */
public record Ride(String rideId, String rider, Unicorn unicorn, Instant requestTime) {
    public Ride {
        Objects.requireNonNull(rideId, "rideId");
        Objects.requireNonNull(rider, "rider");
        Objects.requireNonNull(unicorn, "unicorn");
        requestTime = requestTime.truncatedTo(ChronoUnit.MILLIS);
    }
}
