package dev.skyhook.hosts.api.rides;

import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.policy.RideAssignment;
import java.time.Duration;

/**
 * How rides are assigned. {@code RIDE_BUSY_SECONDS}: how long a unicorn stays busy after it was
 * assigned a ride (default {@value #DEFAULT_BUSY_SECONDS}; 0 makes every unicorn always free).
 * {@code MAX_RIDES_PER_RIDER}: how many busy unicorns one rider may hold at once (default 1, at
 * most {@value #MAX_RIDES_PER_RIDER_LIMIT}); beyond it a booking is refused with 429 and
 * {@code Retry-After}.
 */
public record RideSettings(Duration unicornBusyFor, int maxRidesPerRider) {
    public static final int DEFAULT_BUSY_SECONDS = 60;
    /** Each booking of a limited rider rewrites the request times of the rides they hold: keep that small. */
    public static final int MAX_RIDES_PER_RIDER_LIMIT = 100;

    public RideSettings {
        if (unicornBusyFor.isNegative()) {
            throw new IllegalArgumentException("RIDE_BUSY_SECONDS must not be negative");
        }
        checkMaxRides(maxRidesPerRider);
    }

    /** Unicorns busy for {@code unicornBusyFor}, one per rider. */
    public RideSettings(Duration unicornBusyFor) {
        this(unicornBusyFor, RideAssignment.DEFAULT_RIDES_PER_RIDER);
    }

    public static RideSettings defaults() {
        return new RideSettings(Duration.ofSeconds(DEFAULT_BUSY_SECONDS));
    }

    /** The rules of the rides: who gets which unicorn, and how many one rider may hold. */
    public RideAssignment assignment(Fleet fleet) {
        return new RideAssignment(fleet, unicornBusyFor, maxRidesPerRider);
    }

    private static long checkMaxRides(long maxRides) {
        if (maxRides < 1 || maxRides > MAX_RIDES_PER_RIDER_LIMIT) {
            throw new IllegalArgumentException(
                    "MAX_RIDES_PER_RIDER must be from 1 to " + MAX_RIDES_PER_RIDER_LIMIT + ", was " + maxRides);
        }
        return maxRides;
    }
}
