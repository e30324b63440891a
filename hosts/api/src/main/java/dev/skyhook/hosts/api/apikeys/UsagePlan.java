package dev.skyhook.hosts.api.apikeys;

import java.util.Locale;
import java.util.Map;

/**
 * An API Gateway usage plan: a steady rate per second, a burst the bucket can hold, and a quota
 * per day (UTC).
 */
public record UsagePlan(String name, double ratePerSecond, int burst, long quotaPerDay) {
    private static final Map<String, UsagePlan> NAMED = Map.of(
            "basic", new UsagePlan("basic", 10, 20, 10_000),
            "demo", new UsagePlan("demo", 5, 10, 1_000),
            "unlimited", new UsagePlan("unlimited", 1_000_000, 1_000_000, Long.MAX_VALUE));

    public UsagePlan {
        if (ratePerSecond <= 0 || burst < 1 || quotaPerDay < 1) {
            throw new IllegalArgumentException("usage plan " + name + " needs a positive rate, burst and quota");
        }
    }

    /** A named plan ({@code basic}, {@code demo}, {@code unlimited}) or {@code rate:burst:quota}, e.g. {@code 2:4:100}. */
    public static UsagePlan parse(String spec) {
        UsagePlan named = NAMED.get(spec.strip().toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        String[] parts = spec.strip().split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "usage plan '" + spec + "' must be basic, demo, unlimited or rate:burst:quota");
        }
        try {
            return new UsagePlan(
                    spec.strip(), Double.parseDouble(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("usage plan '" + spec + "' must be rate:burst:quota with numbers", e);
        }
    }
}
