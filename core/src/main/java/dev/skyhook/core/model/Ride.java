package dev.skyhook.core.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A booked ride: what the original {@code requestUnicorn.js} stored ({@code RideId}, {@code User},
 * {@code Unicorn}, {@code RequestTime}). The request time is kept to the millisecond, as
 * JavaScript's {@code toISOString()} wrote it.
 */
public record Ride(String rideId, String rider, Unicorn unicorn, Instant requestTime) {
    /** JavaScript's {@code Date.toISOString()}: always milliseconds, always {@code Z}; sorts as text. */
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Every ride id: 16 random bytes in URL-safe base64 without padding, as the original's. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    public Ride {
        Objects.requireNonNull(rideId, "rideId");
        Objects.requireNonNull(rider, "rider");
        Objects.requireNonNull(unicorn, "unicorn");
        requestTime = requestTime.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Whether {@code rideId} has the shape of a ride id; anything else names no ride and is bad input. */
    public static boolean isWellFormedId(String rideId) {
        return ID.matcher(rideId).matches();
    }

    /** {@code RequestTime} as the original stored it, e.g. {@code 2026-11-22T05:02:03.000Z}. */
    public String requestTimeText() {
        return formatRequestTime(requestTime);
    }

    public static String formatRequestTime(Instant instant) {
        return ISO_MILLIS.format(instant);
    }
}
