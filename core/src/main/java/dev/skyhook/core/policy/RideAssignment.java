package dev.skyhook.core.policy;

import dev.skyhook.core.model.Coordinates;
import dev.skyhook.core.model.FleetUnicorn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Which unicorn goes to a pickup: the nearest free one by great-circle distance, ties broken at
 * random; and how long it takes to get there. A unicorn is busy for {@code busyFor} after it was
 * assigned a ride (zero: always free). So that one rider cannot keep the whole fleet busy, a rider
 * holds at most {@code ridesPerRider} busy unicorns at once.
 */
public final class RideAssignment {
    /** The mean Earth radius (IUGG), in meters. */
    static final double EARTH_RADIUS_METERS = 6_371_008.8;
    /** One unicorn per rider at a time, unless configured otherwise. */
    public static final int DEFAULT_RIDES_PER_RIDER = 1;

    private final Fleet fleet;
    private final Duration busyFor;
    private final int ridesPerRider;

    public RideAssignment(Fleet fleet, Duration busyFor) {
        this(fleet, busyFor, DEFAULT_RIDES_PER_RIDER);
    }

    public RideAssignment(Fleet fleet, Duration busyFor, int ridesPerRider) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        if (busyFor.isNegative()) {
            throw new IllegalArgumentException("busyFor must not be negative: " + busyFor);
        }
        if (ridesPerRider < 1) {
            throw new IllegalArgumentException("ridesPerRider must be at least 1: " + ridesPerRider);
        }
        this.busyFor = busyFor;
        this.ridesPerRider = ridesPerRider;
    }

    public Duration busyFor() {
        return busyFor;
    }

    /** How many busy unicorns one rider may hold at once. */
    public int ridesPerRider() {
        return ridesPerRider;
    }

    /** The whole fleet, nearest to {@code pickup} first; unicorns at the same distance in random order. */
    public List<FleetUnicorn> nearestFirst(Coordinates pickup, RandomGenerator random) {
        List<FleetUnicorn> shuffled = new ArrayList<>(fleet.unicorns());
        // Shuffle first, then a stable sort: equal distances keep their random order.
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            shuffled.set(i, shuffled.set(j, shuffled.get(i)));
        }
        shuffled.sort(Comparator.comparingDouble(unicorn -> distanceMeters(unicorn.position(), pickup)));
        return shuffled;
    }

    /** The original's wording ({@code "30 seconds"}) for how long {@code unicorn} takes to reach {@code pickup}. */
    public static String eta(FleetUnicorn unicorn, Coordinates pickup) {
        double seconds = distanceMeters(unicorn.position(), pickup) / unicorn.metersPerSecond();
        return describe(Math.max(1, (long) Math.ceil(seconds)));
    }

    /** Haversine great-circle distance; accurate to about 0.5% (Earth is not a sphere), plenty for an ETA. */
    public static double distanceMeters(Coordinates from, Coordinates to) {
        double lat1 = Math.toRadians(from.latitude());
        double lat2 = Math.toRadians(to.latitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(to.longitude() - from.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** Whole seconds rounded up, in the largest unit that keeps it readable: "30 seconds", "4 minutes", "2 hours 5 minutes". */
    public static String describe(long seconds) {
        if (seconds < 60) {
            return plural(seconds, "second");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 60) {
            return plural(minutes, "minute");
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return rest == 0 ? plural(hours, "hour") : plural(hours, "hour") + " " + plural(rest, "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
