package dev.skyhook.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.fake.InMemoryRideRepository;
import dev.skyhook.core.model.Coordinates;
import dev.skyhook.core.model.FleetUnicorn;
import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.RecentRides;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.model.RiderLimit;
import dev.skyhook.core.model.Unicorn;
import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.policy.RideAssignment;
import dev.skyhook.core.port.in.RequestRideCommand;
import dev.skyhook.core.port.out.RideRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RideServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T05:02:03.456789Z");
    private static final double LATITUDE = 47.6174755835663;
    private static final double LONGITUDE = -122.28837066650185;

    private final InMemoryRideRepository repository = new InMemoryRideRepository();
    private final Random random = new Random(42);
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private RideService service(Duration busyFor) {
        return new RideService(repository, new RideAssignment(Fleet.wildRydes(), busyFor), clock, random);
    }

    @Test
    void booksTheNearestUnicornAndStoresTheRide() {
        RideBooking booking = service(Duration.ZERO).request(command("the_username", Optional.empty()));

        Ride ride = booking.ride();
        assertThat(ride.rider()).isEqualTo("the_username");
        assertThat(ride.unicorn()).isEqualTo(new Unicorn("Shadowfax", "White", "Male"));
        assertThat(ride.requestTime()).isEqualTo(Instant.parse("2026-11-22T05:02:03.456Z"));
        assertThat(booking.eta()).isEqualTo("30 seconds");
        assertThat(repository.findById(ride.rideId())).contains(ride);
    }

    @Test
    void rideIdsAre22UrlSafeCharactersFromTheInjectedRandomness() {
        String first = service(Duration.ZERO)
                .request(command("r", Optional.empty()))
                .ride()
                .rideId();
        String again = new RideService(
                        new InMemoryRideRepository(),
                        new RideAssignment(Fleet.wildRydes(), Duration.ZERO),
                        clock,
                        new Random(42))
                .request(command("r", Optional.empty()))
                .ride()
                .rideId();

        assertThat(first).matches("[A-Za-z0-9_-]{22}").isEqualTo(again);
        assertThat(service(Duration.ZERO)
                        .request(command("r", Optional.empty()))
                        .ride()
                        .rideId())
                .isNotEqualTo(first);
    }

    @Test
    void busyUnicornsAreSkippedUntilTheirBusyTimeIsOver() {
        RideService rides = service(Duration.ofSeconds(60));

        assertThat(unicornFor(rides, "r1")).isEqualTo("Shadowfax");
        assertThat(unicornFor(rides, "r2")).isEqualTo("Bucephalus");
        assertThat(unicornFor(rides, "r3")).isEqualTo("Rocinante");
        assertThatThrownBy(() -> rides.request(command("r4", Optional.empty())))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CAPACITY));

        clock = Clock.offset(clock, Duration.ofSeconds(60).plusMillis(1));
        assertThat(unicornFor(service(Duration.ofSeconds(60)), "r4")).isEqualTo("Shadowfax");
    }

    @Test
    void aRiderHoldingAUnicornIsRefusedAnotherWithTheTimeUntilItIsFreeWhileOthersRide() {
        RideService rides = service(Duration.ofSeconds(60));
        rides.request(command("greedy", Optional.empty()));
        clock = Clock.offset(clock, Duration.ofMillis(17_500));

        assertThatThrownBy(() -> service(Duration.ofSeconds(60)).request(command("greedy", Optional.empty())))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_REACHED);
                    // Booked at .456 (the clock's millisecond), busy through .456 + 60 s: free 42.501 s from now, so
                    // 43.
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(43));
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "You already have a unicorn on a ride, the most one rider may have at a time; try again in 43 seconds");
                });
        assertThat(service(Duration.ofSeconds(60))
                        .request(command("patient", Optional.empty()))
                        .ride()
                        .rider())
                .isEqualTo("patient");
        assertThat(repository.size()).as("the refused booking stored nothing").isEqualTo(2);
    }

    @Test
    void afterTheRetryDelayTheRiderBooksAgain() {
        Instant booked = service(Duration.ofSeconds(60))
                .request(command("greedy", Optional.empty()))
                .ride()
                .requestTime();
        Duration retryAfter = refusal(service(Duration.ofSeconds(60)), command("greedy", Optional.empty()))
                .retryAfter()
                .orElseThrow();
        assertThat(retryAfter).isEqualTo(Duration.ofSeconds(61));

        clock = Clock.fixed(booked.plusSeconds(60), ZoneOffset.UTC);
        assertThat(refusal(service(Duration.ofSeconds(60)), command("greedy", Optional.empty()))
                        .retryAfter())
                .as("in the last millisecond of the ride")
                .contains(Duration.ofSeconds(1));
        clock = Clock.fixed(NOW.plus(retryAfter), ZoneOffset.UTC);
        assertThat(service(Duration.ofSeconds(60))
                        .request(command("greedy", Optional.empty()))
                        .ride()
                        .rider())
                .isEqualTo("greedy");
    }

    @Test
    void aKeyedRetryOfTheHeldRideGetsItButANewKeyIsRefused() {
        RideService rides = service(Duration.ofSeconds(60));
        RideBooking first = rides.request(command("greedy", Optional.of("k1")));
        clock = Clock.offset(clock, Duration.ofSeconds(10));
        RideService later = service(Duration.ofSeconds(60));

        assertThat(later.request(command("greedy", Optional.of("k1")))).isEqualTo(first);
        assertThat(refusal(later, command("greedy", Optional.of("k2"))).retryAfter())
                .contains(Duration.ofSeconds(51));
        assertThat(refusal(later, command("greedy", Optional.empty())).code()).isEqualTo(ErrorCode.LIMIT_REACHED);
        assertThat(repository.size()).isEqualTo(1);
    }

    @Test
    void aLimitOfSeveralUnicornsAllowsThatMany() {
        RideService rides = new RideService(
                repository, new RideAssignment(Fleet.wildRydes(), Duration.ofSeconds(60), 2), clock, random);

        rides.request(command("family", Optional.empty()));
        rides.request(command("family", Optional.of("second")));
        DomainException refused = refusal(rides, command("family", Optional.empty()));

        assertThat(refused.getMessage()).startsWith("You already have 2 unicorns on a ride");
        assertThat(rides.request(command("neighbour", Optional.empty()))
                        .ride()
                        .unicorn()
                        .name())
                .isEqualTo("Rocinante");
    }

    @Test
    void withoutBusyTimeNothingIsHeldAndRidersAreNotLimited() {
        RideService rides = service(Duration.ZERO);

        for (int i = 0; i < 5; i++) {
            rides.request(command("frequent", Optional.empty()));
        }
        assertThat(repository.size()).isEqualTo(5);
    }

    @Test
    void aBookingThatLosesTheRaceToTheStoreIsRefusedWithTheDelayOfTheRideThatWon() {
        // The first look finds the rider free; another booking of theirs is stored before this one.
        RaceLosingRepository racing = new RaceLosingRepository();
        RideService rides =
                new RideService(racing, new RideAssignment(Fleet.wildRydes(), Duration.ofSeconds(60)), clock, random);

        DomainException refused = refusal(rides, command("racer", Optional.empty()));

        // The winner was requested 2 s earlier (to the millisecond): free 58.000211 s from now.
        assertThat(refused.retryAfter()).contains(Duration.ofSeconds(59));
        assertThat(racing.rides.size()).isEqualTo(1);
    }

    /** Stores another ride of the same rider, two seconds older, just before the first ride it is asked to store. */
    private static final class RaceLosingRepository extends InMemoryForwarding {
        private boolean raced;

        @Override
        public boolean add(Ride ride, RiderLimit limit) {
            if (!raced) {
                raced = true;
                rides.add(
                        new Ride(
                                "A".repeat(22),
                                ride.rider(),
                                new Unicorn("Other", "Grey", "Male"),
                                ride.requestTime().minusSeconds(2)),
                        limit);
            }
            return rides.add(ride, limit);
        }
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameRideAndStoresNoOther() {
        RideService rides = service(Duration.ofSeconds(60));
        RideBooking first = rides.request(command("the_username", Optional.of("key-1")));
        clock = Clock.offset(clock, Duration.ofSeconds(5));

        RideBooking retry = service(Duration.ofSeconds(60)).request(command("the_username", Optional.of("key-1")));

        assertThat(retry).isEqualTo(first);
        // Shadowfax is busy with the first booking, so a second booking would have got Bucephalus.
        assertThat(repository.isAssignedSince("Bucephalus", NOW.minusSeconds(60)))
                .isFalse();
    }

    @Test
    void aRetryIsAnsweredEvenWhenEveryUnicornIsBusyNow() {
        Fleet one = new Fleet(
                List.of(new FleetUnicorn(new Unicorn("Solo", "Grey", "Female"), new Coordinates(47.62, -122.29), 10)));
        RideService rides =
                new RideService(repository, new RideAssignment(one, Duration.ofMinutes(5)), clock, new Random(1));
        RideBooking first = rides.request(command("r", Optional.of("k")));

        assertThat(rides.request(command("r", Optional.of("k")))).isEqualTo(first);
        assertThatThrownBy(() -> rides.request(command("someone-else", Optional.of("other-key"))))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CAPACITY));
    }

    @Test
    void aFirstKeyedRequestIsOneWriteWithoutAReadOfItsKey() {
        KeyReadCounting counting = new KeyReadCounting();
        RideService rides =
                new RideService(counting, new RideAssignment(Fleet.wildRydes(), Duration.ZERO), clock, random);

        RideBooking first = rides.request(command("r", Optional.of("fresh")));

        assertThat(counting.keyReads).isZero();
        assertThat(rides.request(command("r", Optional.of("fresh")))).isEqualTo(first);
        assertThat(counting.rides.size()).isEqualTo(1);
    }

    @Test
    void aRetryRefusedAtTheLimitWithADifferentPickupIsAConflictNotARefusal() {
        RideService rides = service(Duration.ofSeconds(60));
        rides.request(command("held", Optional.of("key-3")));

        assertThatThrownBy(() -> rides.request(new RequestRideCommand("held", 10, 10, Optional.of("key-3"))))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(repository.size()).isEqualTo(1);
    }

    /** Counts the reads of request keys; stores in memory. */
    private static final class KeyReadCounting extends InMemoryForwarding {
        int keyReads;

        @Override
        public Optional<KeyedBooking> findByRequestKey(String requestKey) {
            keyReads++;
            return super.findByRequestKey(requestKey);
        }
    }

    /** Hands every call to an in-memory repository; subclasses change the calls they are about. */
    private abstract static class InMemoryForwarding implements RideRepository {
        final InMemoryRideRepository rides = new InMemoryRideRepository();

        @Override
        public boolean add(Ride ride, RiderLimit limit) {
            return rides.add(ride, limit);
        }

        @Override
        public Optional<KeyedBooking> addOnce(KeyedBooking booking, RiderLimit limit) {
            return rides.addOnce(booking, limit);
        }

        @Override
        public Optional<KeyedBooking> findByRequestKey(String requestKey) {
            return rides.findByRequestKey(requestKey);
        }

        @Override
        public Optional<Ride> findById(String rideId) {
            return rides.findById(rideId);
        }

        @Override
        public boolean isAssignedSince(String unicornName, Instant since) {
            return rides.isAssignedSince(unicornName, since);
        }

        @Override
        public RecentRides ridesRequestedSince(String rider, Instant since) {
            return rides.ridesRequestedSince(rider, since);
        }
    }

    @Test
    void theSameKeyForADifferentPickupIsAConflict() {
        RideService rides = service(Duration.ZERO);
        rides.request(command("r", Optional.of("key-2")));

        assertThatThrownBy(() -> rides.request(new RequestRideCommand("r", 10, 10, Optional.of("key-2"))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.getMessage()).contains("Idempotency-Key");
                });
    }

    @Test
    void keysBelongToOneRider() {
        RideService rides = service(Duration.ZERO);
        RideBooking alice = rides.request(command("alice", Optional.of("shared-key")));
        RideBooking bob = rides.request(command("bob", Optional.of("shared-key")));

        assertThat(bob.ride().rideId()).isNotEqualTo(alice.ride().rideId());
        assertThat(bob.ride().rider()).isEqualTo("bob");
    }

    @Test
    void requestKeysCannotBeForgedByMovingCharactersBetweenRiderAndKey() {
        assertThat(RideService.requestKey("ab", "c")).isNotEqualTo(RideService.requestKey("a", "bc"));
        assertThat(RideService.requestKey("a:1", "x")).isNotEqualTo(RideService.requestKey("a", "1:x"));
    }

    @Test
    void ridersSeeTheirOwnRidesOnly() {
        RideService rides = service(Duration.ZERO);
        Ride ride = rides.request(command("alice", Optional.empty())).ride();

        assertThat(rides.get("alice", ride.rideId())).isEqualTo(ride);
        assertThatThrownBy(() -> rides.get("bob", ride.rideId()))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> rides.get("alice", "AAAAAAAAAAAAAAAAAAAAAA"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void anIdThatCouldNeverHaveBeenMintedIsBadInputNamingTheField() {
        RideService rides = service(Duration.ZERO);

        assertThatThrownBy(() -> rides.get("alice", "no-such-ride"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.field()).contains("RideId");
                });
    }

    @Test
    void storeFailuresReachTheCallerAsTheirCode() {
        repository.failWith(ErrorCode.STORE_UNAVAILABLE);

        assertThatThrownBy(() -> service(Duration.ZERO).request(command("r", Optional.empty())))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    private static String unicornFor(RideService rides, String rider) {
        return rides.request(command(rider, Optional.empty())).ride().unicorn().name();
    }

    private static DomainException refusal(RideService rides, RequestRideCommand command) {
        try {
            rides.request(command);
        } catch (DomainException e) {
            assertThat(e.code()).as("%s", e.getMessage()).isEqualTo(ErrorCode.LIMIT_REACHED);
            return e;
        }
        throw new AssertionError("booked, but the rider was expected to be at the limit");
    }

    private static RequestRideCommand command(String rider, Optional<String> key) {
        return new RequestRideCommand(rider, LATITUDE, LONGITUDE, key);
    }
}
