package dev.skyhook.core.port.out;

import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.RecentRides;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RiderLimit;
import java.time.Instant;
import java.util.Optional;

/**
 * Where rides are kept. Implementations throw {@code DomainException} with
 * {@code STORE_UNAVAILABLE} when the store cannot be reached and {@code STORE_FAILURE} otherwise.
 *
 * <p>The rider limit is checked and the ride stored in one atomic step: however many bookings of
 * one rider race, no store lets the rider hold more than {@code limit.maxRides()} rides requested
 * at or after {@code limit.since()}.
 */
public interface RideRepository {
    /**
     * Stores a new ride unless its rider already holds {@code limit.maxRides()} rides requested at or
     * after {@code limit.since()}.
     *
     * @return whether the ride was stored; {@code false}: the limit was reached, nothing was stored
     */
    boolean add(Ride ride, RiderLimit limit);

    /**
     * Stores the booking's ride and remembers it under its request key, in one atomic step, unless a
     * booking is remembered under that key already: then nothing is stored and that earlier booking
     * is returned (even when the rider is at the limit now). Safe when many callers race with the
     * same key: exactly one ride is stored.
     *
     * @return the booking remembered under the key (this one or an earlier one); empty when there is
     *     none and the rider is at {@code limit}: nothing was stored
     */
    Optional<KeyedBooking> addOnce(KeyedBooking booking, RiderLimit limit);

    /** The booking remembered under {@code requestKey}, if any. */
    Optional<KeyedBooking> findByRequestKey(String requestKey);

    Optional<Ride> findById(String rideId);

    /** Whether the unicorn named so was assigned a ride requested at or after {@code since}. */
    boolean isAssignedSince(String unicornName, Instant since);

    /**
     * The rider's rides requested at or after {@code since} (the rider's name compared exactly). A
     * store may keep only what the limit needs: it may leave out rides stored with
     * {@link RiderLimit#NONE}, and rides requested before the {@code since} of the limit the
     * rider's latest ride was stored under.
     */
    RecentRides ridesRequestedSince(String rider, Instant since);
}
