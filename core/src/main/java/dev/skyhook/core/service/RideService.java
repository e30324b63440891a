package dev.skyhook.core.service;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.Coordinates;
import dev.skyhook.core.model.FleetUnicorn;
import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.policy.RideAssignment;
import dev.skyhook.core.port.in.GetRideUseCase;
import dev.skyhook.core.port.in.RequestRideCommand;
import dev.skyhook.core.port.in.RequestRideUseCase;
import dev.skyhook.core.port.out.RideRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Books unicorns (the original {@code requestUnicorn.js}, with a real assignment) and shows riders
 * their rides. The clock and the random source are injected so tests can be exact.
 */
public final class RideService implements RequestRideUseCase, GetRideUseCase {
    static final int RIDE_ID_BYTES = 16;
    private static final Base64.Encoder RIDE_ID_ENCODING = Base64.getUrlEncoder().withoutPadding();

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

    @Override
    public RideBooking request(RequestRideCommand command) {
        if (command.idempotencyKey().isEmpty()) {
            RideBooking booking = book(command.rider(), command.pickup());
            rides.add(booking.ride());
            return booking;
        }
        String requestKey = requestKey(command.rider(), command.idempotencyKey().get());
        String fingerprint = fingerprint(command.pickup());
        // A retry is answered from what is stored, before looking for a unicorn: the unicorn the
        // first attempt booked is busy now, and the retry must not be refused for that.
        Optional<KeyedBooking> earlier = rides.findByRequestKey(requestKey);
        if (earlier.isPresent()) {
            return sameRequestOrConflict(earlier.get(), fingerprint);
        }
        KeyedBooking stored = rides.addOnce(new KeyedBooking(requestKey, fingerprint, book(command.rider(), command.pickup())));
        return sameRequestOrConflict(stored, fingerprint);
    }

    @Override
    public Ride get(String rider, String rideId) {
        return rides.findById(rideId)
            .filter(ride -> ride.rider().equals(rider))
            .orElseThrow(() -> DomainException.notFound("Ride " + rideId + " not found"));
    }

    private RideBooking book(String rider, Coordinates pickup) {
        Instant now = clock.instant();
        Instant busySince = now.minus(assignment.busyFor());
        for (FleetUnicorn candidate : assignment.nearestFirst(pickup, random)) {
            if (assignment.busyFor().isZero() || !rides.isAssignedSince(candidate.unicorn().name(), busySince)) {
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
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
