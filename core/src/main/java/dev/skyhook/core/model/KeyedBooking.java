package dev.skyhook.core.model;

import java.util.Objects;

/**
 * A booking made under an idempotency key. {@code requestKey} identifies the rider's key (a digest,
 * so keys of any rider cannot collide); {@code requestFingerprint} identifies what was asked, so a
 * reused key with a different request can be told apart from a retry.
 */
public record KeyedBooking(String requestKey, String requestFingerprint, RideBooking booking) {
    public KeyedBooking {
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(requestFingerprint, "requestFingerprint");
        Objects.requireNonNull(booking, "booking");
    }
}
