package dev.skyhook.core.fake;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.RecentRides;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RiderLimit;
import dev.skyhook.core.port.out.RideRepository;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RideRepository} in maps: the fake for tests and for the in-process test host. An outage
 * can be switched on to see how callers answer a failing store.
 */
public final class InMemoryRideRepository implements RideRepository {
    private final Map<String, Ride> rides = new ConcurrentHashMap<>();
    private final Map<String, KeyedBooking> bookingsByKey = new ConcurrentHashMap<>();
    private volatile ErrorCode outage;

    /** From now on every call fails with {@code code} ({@code null}: works again). */
    public void failWith(ErrorCode code) {
        outage = code;
    }

    /** How many rides are stored. */
    public int size() {
        return rides.size();
    }

    /** Checked and stored under this object's lock, so racing bookings of one rider respect the limit exactly. */
    @Override
    public synchronized boolean add(Ride ride, RiderLimit limit) {
        checkOutage();
        if (limit.isReachedBy(ridesRequestedSince(ride.rider(), limit.since()).count())) {
            return false;
        }
        if (rides.putIfAbsent(ride.rideId(), ride) != null) {
            throw new DomainException(ErrorCode.STORE_FAILURE, "ride " + ride.rideId() + " exists already");
        }
        return true;
    }

    @Override
    public synchronized Optional<KeyedBooking> addOnce(KeyedBooking booking, RiderLimit limit) {
        checkOutage();
        KeyedBooking earlier = bookingsByKey.get(booking.requestKey());
        if (earlier != null) {
            return Optional.of(earlier);
        }
        if (!add(booking.booking().ride(), limit)) {
            return Optional.empty();
        }
        bookingsByKey.put(booking.requestKey(), booking);
        return Optional.of(booking);
    }

    @Override
    public Optional<KeyedBooking> findByRequestKey(String requestKey) {
        checkOutage();
        return Optional.ofNullable(bookingsByKey.get(requestKey));
    }

    @Override
    public Optional<Ride> findById(String rideId) {
        checkOutage();
        return Optional.ofNullable(rides.get(rideId));
    }

    @Override
    public boolean isAssignedSince(String unicornName, Instant since) {
        checkOutage();
        return rides.values().stream()
                .anyMatch(ride -> ride.unicorn().name().equals(unicornName)
                        && !ride.requestTime().isBefore(since));
    }

    @Override
    public RecentRides ridesRequestedSince(String rider, Instant since) {
        checkOutage();
        return RecentRides.of(rides.values().stream()
                .filter(ride ->
                        ride.rider().equals(rider) && !ride.requestTime().isBefore(since))
                .map(Ride::requestTime)
                .toList());
    }

    private void checkOutage() {
        ErrorCode code = outage;
        if (code != null) {
            throw new DomainException(code, "in-memory rides store: simulated " + code);
        }
    }
}
