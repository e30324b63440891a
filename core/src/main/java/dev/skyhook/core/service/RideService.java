package dev.skyhook.core.service;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.Coordinates;
import dev.skyhook.core.model.FleetUnicorn;
import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.RecentRides;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.model.RiderLimit;
import dev.skyhook.core.policy.RideAssignment;
import dev.skyhook.core.port.in.RequestRideCommand;
import dev.skyhook.core.port.out.RideRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Books unicorns (the original {@code requestUnicorn.js}, with a real assignment) and shows riders
 * their rides. The clock and the random source are injected so tests can be exact.
 */
public final class RideService {
    static final int RIDE_ID_BYTES = 16;
    private static final Base64.Encoder RIDE_ID_ENCODING =
            Base64.getUrlEncoder().withoutPadding();

    private final RideRepository rides;
    private final RideAssignment assignment;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * @param random the source of ride ids and of tie-breaks; a {@code SecureRandom} in production,
     *     since ride ids must not be guessable
     */
    public RideService(RideRepository rides, RideAssignment assignment, Clock clock, RandomGenerator random) {
        this.rides = Objects.requireNonNull(rides, "rides");
        this.assignment = Objects.requireNonNull(assignment, "assignment");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Books the nearest free unicorn. With an idempotency key, a repeated request gets the booking
     * the first one made; the same key with a different pickup is a {@code CONFLICT}. When the
     * rider already holds as many busy unicorns as one rider may: {@code LIMIT_REACHED}, with the
     * delay until the oldest is free. When every unicorn is busy: {@code NO_CAPACITY}.
     */
    public RideBooking request(RequestRideCommand command) {
        Instant now = clock.instant();
        RiderLimit limit = riderLimitAt(now);
        String rider = command.rider();
        if (command.idempotencyKey().isEmpty()) {
            refuseAtLimit(rider, limit, now);
            RideBooking booking = book(rider, command.pickup(), now);
            if (!rides.add(booking.ride(), limit)) {
                throw limitReached(rider, limit, now);
            }
            return booking;
        }
        String requestKey = requestKey(rider, command.idempotencyKey().get());
        String fingerprint = fingerprint(command.pickup());
        // The store is written first and read only when the key turns out to be taken: a first request, the common
        // case, costs one write and no read. A retry whose ride is held now must not be refused for it: a refusal
        // (the rider at the limit, every unicorn busy) is answered from what is stored under the key, if anything.
        RideBooking booking;
        try {
            refuseAtLimit(rider, limit, now);
            booking = book(rider, command.pickup(), now);
        } catch (DomainException refused) {
            if (refused.code() != ErrorCode.LIMIT_REACHED && refused.code() != ErrorCode.NO_CAPACITY) {
                throw refused;
            }
            return rides.findByRequestKey(requestKey)
                    .map(earlier -> sameRequestOrConflict(earlier, fingerprint))
                    .orElseThrow(() -> refused);
        }
        KeyedBooking stored = rides.addOnce(new KeyedBooking(requestKey, fingerprint, booking), limit)
                .orElseThrow(() -> limitReached(rider, limit, now));
        return sameRequestOrConflict(stored, fingerprint);
    }

    /**
     * The ride with this id if {@code rider} booked it; {@code NOT_FOUND} otherwise (also for someone
     * else's); {@code INVALID_INPUT} naming {@code RideId} for an id this service could never have minted.
     */
    public Ride get(String rider, String rideId) {
        if (!Ride.isWellFormedId(rideId)) {
            throw DomainException.invalid("RideId", "RideId must be 22 URL-safe base64 characters");
        }
        return rides.findById(rideId)
                .filter(ride -> ride.rider().equals(rider))
                .orElseThrow(() -> DomainException.notFound("Ride " + rideId + " not found"));
    }

    /** A rider holds the unicorns of their rides that are still busy; none when unicorns are never busy. */
    private RiderLimit riderLimitAt(Instant now) {
        return assignment.busyFor().isZero()
                ? RiderLimit.NONE
                : new RiderLimit(assignment.ridesPerRider(), now.minus(assignment.busyFor()));
    }

    /** Refuses before a unicorn is looked for; the store checks again as it writes, for bookings that race. */
    private void refuseAtLimit(String rider, RiderLimit limit, Instant now) {
        if (limit.applies()) {
            RecentRides held = rides.ridesRequestedSince(rider, limit.since());
            if (limit.isReachedBy(held.count())) {
                throw limitReached(held, limit, now);
            }
        }
    }

    private DomainException limitReached(String rider, RiderLimit limit, Instant now) {
        return limitReached(rides.ridesRequestedSince(rider, limit.since()), limit, now);
    }

    /**
     * Retry after the oldest held ride's unicorn is free: it is busy up to and including
     * {@code requestTime + busyFor}, so free one millisecond later; in whole seconds, at least one.
     */
    private DomainException limitReached(RecentRides held, RiderLimit limit, Instant now) {
        Duration untilFree = held.oldest()
                .map(oldest ->
                        Duration.between(now, oldest.plus(assignment.busyFor()).plusMillis(1)))
                .orElse(Duration.ZERO);
        long seconds = Math.max(1, ceilSeconds(untilFree));
        int max = limit.maxRides();
        return DomainException.limitReached(
                "You already have " + (max == 1 ? "a unicorn" : max + " unicorns")
                        + " on a ride, the most one rider may have at a time; try again in "
                        + RideAssignment.describe(seconds),
                Duration.ofSeconds(seconds));
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds();
        return duration.getNano() > 0 ? seconds + 1 : seconds;
    }

    private RideBooking book(String rider, Coordinates pickup, Instant now) {
        Instant busySince = now.minus(assignment.busyFor());
        for (FleetUnicorn candidate : assignment.nearestFirst(pickup, random)) {
            if (assignment.busyFor().isZero()
                    || !rides.isAssignedSince(candidate.unicorn().name(), busySince)) {
                Ride ride = new Ride(newRideId(), rider, candidate.unicorn(), now);
                return new RideBooking(ride, RideAssignment.eta(candidate, pickup));
            }
        }
        throw new DomainException(ErrorCode.NO_CAPACITY, "Every unicorn is on a ride; please try again in a minute");
    }

    private static RideBooking sameRequestOrConflict(KeyedBooking stored, String fingerprint) {
        if (!stored.requestFingerprint().equals(fingerprint)) {
            throw DomainException.conflict(
                    "Idempotency-Key was already used for a different ride request; use a new key for a new ride");
        }
        return stored.booking();
    }

    /** 16 random bytes, URL-safe base64 without padding: 22 characters, as the original's ride ids. */
    private String newRideId() {
        byte[] bytes = new byte[RIDE_ID_BYTES];
        random.nextBytes(bytes);
        return RIDE_ID_ENCODING.encodeToString(bytes);
    }

    /** The rider's key, digested: keys are per rider, and the store gets a fixed-size, opaque key. */
    static String requestKey(String rider, String idempotencyKey) {
        return sha256(rider.length() + ":" + rider + ":" + idempotencyKey);
    }

    /** What was asked: the pickup, as exact numbers (two spellings of one number are the same request). */
    static String fingerprint(Coordinates pickup) {
        return sha256(pickup.latitude() + "," + pickup.longitude());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
