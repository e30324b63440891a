package dev.skyhook.hosts.api.rides;

import java.time.Duration;
import java.util.Map;

/**
 * How rides are assigned, from {@code RIDE_BUSY_SECONDS}: how long a unicorn stays busy after it
 * was assigned a ride (default {@value #DEFAULT_BUSY_SECONDS}; 0 makes every unicorn always free).
 */
public record RideSettings(Duration unicornBusyFor) {
    public static final int DEFAULT_BUSY_SECONDS = 60;

    public RideSettings {
        if (unicornBusyFor.isNegative()) {
            throw new IllegalArgumentException("RIDE_BUSY_SECONDS must not be negative");
        }
    }

    public static RideSettings defaults() {
        return new RideSettings(Duration.ofSeconds(DEFAULT_BUSY_SECONDS));
    }

    public static RideSettings fromEnvironment(Map<String, String> env) {
        String value = env.get("RIDE_BUSY_SECONDS");
        if (value == null || value.isBlank()) {
            return defaults();
        }
        try {
            return new RideSettings(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("RIDE_BUSY_SECONDS must be a whole number of seconds, was '" + value + "'");
        }
    }
}
