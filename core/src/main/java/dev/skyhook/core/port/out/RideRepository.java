package dev.skyhook.core.port.out;

import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.Ride;
import java.time.Instant;
import java.util.Optional;

/**
 * Where rides are kept. Implementations throw {@code DomainException} with
 * {@code STORE_UNAVAILABLE} when the store cannot be reached and {@code STORE_FAILURE} otherwise.
 */
public interface RideRepository {
    /** Stores a new ride. */
    void add(Ride ride);

    /**
     * Stores the booking's ride and remembers it under its request key, in one atomic step, unless a
     * booking is remembered under that key already: then nothing is stored and that earlier booking
     * is returned. Safe when many callers race with the same key: exactly one ride is stored.
     */
    KeyedBooking addOnce(KeyedBooking booking);

    /** The booking remembered under {@code requestKey}, if any. */
    Optional<KeyedBooking> findByRequestKey(String requestKey);

    Optional<Ride> findById(String rideId);

    /** Whether the unicorn named so was assigned a ride requested at or after {@code since}. */
    boolean isAssignedSince(String unicornName, Instant since);
}
