package dev.skyhook.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A rider's rides requested since some instant: how many, and when the oldest of them was requested. */
public record RecentRides(int count, Optional<Instant> oldest) {
    public static final RecentRides NONE = new RecentRides(0, Optional.empty());

    public RecentRides {
        Objects.requireNonNull(oldest, "oldest");
        if (count < 0 || (count == 0) != oldest.isEmpty()) {
            throw new IllegalArgumentException("count " + count + " and oldest " + oldest + " disagree");
        }
    }

    /** Tallies request times given in any order. */
    public static RecentRides of(Iterable<Instant> requestTimes) {
        int count = 0;
        Instant oldest = null;
        for (Instant time : requestTimes) {
            count++;
            if (oldest == null || time.isBefore(oldest)) {
                oldest = time;
            }
        }
        return new RecentRides(count, Optional.ofNullable(oldest));
    }
}
