package dev.skyhook.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.RecentRides;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.model.RiderLimit;
import dev.skyhook.core.model.Unicorn;
import dev.skyhook.core.port.out.RideRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link RideRepository} must do. Each adapter's test extends this and supplies the
 * repository. Tests use fresh ids, keys and unicorn names, so a shared store is fine.
 */
public abstract class RideRepositoryContract {
    protected static final Instant REQUESTED = Instant.parse("2026-11-22T05:02:03.456Z");
    protected static final int CONCURRENT_RETRIES = 50;

    private RideRepository rides;

    /** A repository ready for use; called before each test. */
    protected abstract RideRepository repository() throws Exception;

    @BeforeEach
    void setUpRepository() throws Exception {
        rides = repository();
    }

    @Test
    void findsEveryFieldOfAStoredRide() {
        Ride ride = ride("the_username", new Unicorn("Shadowfax", "White", "Male"), REQUESTED);

        rides.add(ride, RiderLimit.NONE);

        assertThat(rides.findById(ride.rideId())).contains(ride);
    }

    @Test
    void findsNothingForAnUnknownId() {
        assertThat(rides.findById(newRideId())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"김민준", "🦄 rider", "O'Brien \"quoted\" \\ back", "a'); DROP TABLE Rides;--"})
    void ridersAndUnicornsRoundTripExactly(String name) {
        Ride ride = ride(name, new Unicorn(name + " unicorn", "Ünïcorn white", "Female"), REQUESTED);

        rides.add(ride, RiderLimit.NONE);

        assertThat(rides.findById(ride.rideId())).contains(ride);
    }

    @Test
    void keepsTheRequestTimeToTheMillisecond() {
        Ride ride = ride("rider", unicorn(), Instant.parse("2026-01-02T03:04:05.007Z"));

        rides.add(ride, RiderLimit.NONE);

        assertThat(rides.findById(ride.rideId()).orElseThrow().requestTime())
                .isEqualTo(Instant.parse("2026-01-02T03:04:05.007Z"));
    }

    @Test
    void aKeyedBookingIsStoredOnceAndTheFirstOneWins() {
        String key = newRequestKey();
        KeyedBooking first = keyed(key, "fingerprint-a", ride("rider", unicorn(), REQUESTED));
        KeyedBooking second = keyed(key, "fingerprint-b", ride("rider", unicorn(), REQUESTED.plusSeconds(1)));

        assertThat(rides.addOnce(first, RiderLimit.NONE)).contains(first);
        assertThat(rides.addOnce(second, RiderLimit.NONE)).contains(first);

        assertThat(rides.findById(first.booking().ride().rideId()))
                .contains(first.booking().ride());
        assertThat(rides.findById(second.booking().ride().rideId()))
                .as("the second ride")
                .isEmpty();
        assertThat(rides.findByRequestKey(key)).contains(first);
    }

    @Test
    void findsNoBookingForAnUnknownRequestKey() {
        assertThat(rides.findByRequestKey(newRequestKey())).isEmpty();
    }

    @Test
    void concurrentRetriesWithOneKeyStoreExactlyOneRide() throws Exception {
        String key = newRequestKey();
        String racer = newRider();
        List<KeyedBooking> attempts = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_RETRIES; i++) {
            attempts.add(keyed(key, "same-request", ride(racer, unicorn(), REQUESTED)));
        }
        // Under a limit of one: every retry but the first finds the rider at the limit, and must still get the booking.
        RiderLimit limit = new RiderLimit(1, REQUESTED.minusSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_RETRIES);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<KeyedBooking>> results = new ArrayList<>();
            for (KeyedBooking attempt : attempts) {
                results.add(pool.submit(() -> {
                    start.await();
                    return rides.addOnce(attempt, limit).orElseThrow();
                }));
            }
            start.countDown();
            Set<KeyedBooking> answers = new HashSet<>();
            for (Future<KeyedBooking> result : results) {
                answers.add(result.get(60, TimeUnit.SECONDS));
            }

            assertThat(answers).as("every retry gets the same booking").hasSize(1);
            long stored = attempts.stream()
                    .filter(a -> rides.findById(a.booking().ride().rideId()).isPresent())
                    .count();
            assertThat(stored).as("rides stored").isEqualTo(1);
            assertThat(attempts).contains(answers.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tellsWhetherAUnicornWasAssignedSinceAnInstant() {
        Unicorn busy = unicorn();
        rides.add(ride("rider", busy, REQUESTED), RiderLimit.NONE);

        assertThat(rides.isAssignedSince(busy.name(), REQUESTED.minusSeconds(60)))
                .isTrue();
        assertThat(rides.isAssignedSince(busy.name(), REQUESTED))
                .as("at the request time itself")
                .isTrue();
        assertThat(rides.isAssignedSince(busy.name(), REQUESTED.plusMillis(1))).isFalse();
        assertThat(rides.isAssignedSince(unicorn().name(), REQUESTED.minusSeconds(60)))
                .as("another unicorn")
                .isFalse();
    }

    @Test
    void keyedBookingsCountAsAssignments() {
        Unicorn busy = unicorn();
        rides.addOnce(keyed(newRequestKey(), "f", ride("rider", busy, REQUESTED)), RiderLimit.NONE);

        assertThat(rides.isAssignedSince(busy.name(), REQUESTED.minusSeconds(1)))
                .isTrue();
    }

    @Test
    void countsARidersRidesFromAnInstantAndTheOldestOfThem() {
        String rider = newRider();
        RiderLimit roomy = new RiderLimit(5, REQUESTED.minusSeconds(60));
        rides.add(ride(rider, unicorn(), REQUESTED), roomy);
        rides.add(ride(rider, unicorn(), REQUESTED.plusSeconds(10)), roomy);
        rides.add(ride(newRider(), unicorn(), REQUESTED.plusSeconds(5)), roomy);

        assertThat(rides.ridesRequestedSince(rider, REQUESTED.minusSeconds(60)))
                .isEqualTo(new RecentRides(2, Optional.of(REQUESTED)));
        assertThat(rides.ridesRequestedSince(rider, REQUESTED))
                .as("at the request time itself")
                .isEqualTo(new RecentRides(2, Optional.of(REQUESTED)));
        assertThat(rides.ridesRequestedSince(rider, REQUESTED.plusMillis(1)))
                .isEqualTo(new RecentRides(1, Optional.of(REQUESTED.plusSeconds(10))));
        assertThat(rides.ridesRequestedSince(rider, REQUESTED.plusSeconds(10).plusMillis(1)))
                .isEqualTo(RecentRides.NONE);
        assertThat(rides.ridesRequestedSince(newRider(), REQUESTED.minusSeconds(60)))
                .as("a rider without rides")
                .isEqualTo(RecentRides.NONE);
    }

    @Test
    void ridersAreToldApartExactly() {
        String rider = newRider();
        RiderLimit one = new RiderLimit(1, REQUESTED.minusSeconds(60));
        assertThat(rides.add(ride(rider, unicorn(), REQUESTED), one)).isTrue();

        // SQL collations that ignore case or trailing spaces must not make these one rider.
        for (String other : List.of(rider.toUpperCase(Locale.ROOT), rider + " ", " " + rider)) {
            assertThat(rides.ridesRequestedSince(other, REQUESTED.minusSeconds(60)))
                    .as(other)
                    .isEqualTo(RecentRides.NONE);
            assertThat(rides.add(ride(other, unicorn(), REQUESTED), one))
                    .as("'%s' books beside '%s'", other, rider)
                    .isTrue();
        }
        assertThat(rides.ridesRequestedSince(rider, REQUESTED.minusSeconds(60)).count())
                .isEqualTo(1);
    }

    @Test
    void aRideBeyondTheRidersLimitIsRefusedAndNothingIsStored() {
        String rider = newRider();
        Ride first = ride(rider, unicorn(), REQUESTED);
        Ride second = ride(rider, unicorn(), REQUESTED.plusSeconds(1));
        Ride someoneElses = ride(newRider(), unicorn(), REQUESTED.plusSeconds(1));

        assertThat(rides.add(first, new RiderLimit(1, REQUESTED.minusSeconds(60))))
                .isTrue();
        assertThat(rides.add(second, new RiderLimit(1, REQUESTED.plusSeconds(1).minusSeconds(60))))
                .isFalse();
        assertThat(rides.add(
                        someoneElses, new RiderLimit(1, REQUESTED.plusSeconds(1).minusSeconds(60))))
                .isTrue();

        assertThat(rides.findById(second.rideId())).isEmpty();
        assertThat(rides.ridesRequestedSince(rider, REQUESTED.minusSeconds(60)))
                .isEqualTo(new RecentRides(1, Optional.of(REQUESTED)));
    }

    @Test
    void theLimitCountsOnlyRidesFromItsInstant() {
        String rider = newRider();
        rides.add(ride(rider, unicorn(), REQUESTED), new RiderLimit(1, REQUESTED.minusSeconds(60)));
        Instant later = REQUESTED.plusSeconds(60);
        Ride atTheEdge = ride(rider, unicorn(), later);
        Ride after = ride(rider, unicorn(), later.plusMillis(1));

        assertThat(rides.add(atTheEdge, new RiderLimit(1, later.minusSeconds(60))))
                .as("the first ride is still held")
                .isFalse();
        assertThat(rides.add(after, new RiderLimit(1, later.plusMillis(1).minusSeconds(60))))
                .as("the first ride is over")
                .isTrue();
        assertThat(rides.ridesRequestedSince(rider, later.plusMillis(1).minusSeconds(60)))
                .isEqualTo(new RecentRides(1, Optional.of(later.plusMillis(1))));
    }

    @Test
    void aLimitOfSeveralAllowsThatMany() {
        String rider = newRider();
        RiderLimit three = new RiderLimit(3, REQUESTED.minusSeconds(60));

        for (int i = 0; i < 3; i++) {
            assertThat(rides.add(ride(rider, unicorn(), REQUESTED.plusSeconds(i)), three))
                    .as("ride %d", i + 1)
                    .isTrue();
        }
        assertThat(rides.add(ride(rider, unicorn(), REQUESTED.plusSeconds(3)), three))
                .isFalse();
        assertThat(rides.addOnce(keyed(newRequestKey(), "f", ride(rider, unicorn(), REQUESTED.plusSeconds(3))), three))
                .isEmpty();
        assertThat(rides.ridesRequestedSince(rider, REQUESTED.minusSeconds(60)))
                .isEqualTo(new RecentRides(3, Optional.of(REQUESTED)));
    }

    @Test
    void aKeyedBookingBeyondTheLimitIsRefusedButAKnownKeyStillGetsItsBooking() {
        String rider = newRider();
        RiderLimit one = new RiderLimit(1, REQUESTED.minusSeconds(60));
        KeyedBooking first = keyed(newRequestKey(), "f", ride(rider, unicorn(), REQUESTED));
        String refusedKey = newRequestKey();
        KeyedBooking beyond = keyed(refusedKey, "f", ride(rider, unicorn(), REQUESTED.plusSeconds(1)));

        assertThat(rides.addOnce(first, one)).contains(first);
        assertThat(rides.addOnce(beyond, one)).isEmpty();
        KeyedBooking retry = keyed(first.requestKey(), "f", ride(rider, unicorn(), REQUESTED.plusSeconds(2)));
        assertThat(rides.addOnce(retry, one))
                .as("the retry of the first, at the limit")
                .contains(first);

        assertThat(rides.findById(beyond.booking().ride().rideId())).isEmpty();
        assertThat(rides.findById(retry.booking().ride().rideId())).isEmpty();
        assertThat(rides.findByRequestKey(refusedKey))
                .as("a refused key is not remembered")
                .isEmpty();
    }

    @Test
    void concurrentBookingsOfOneRiderStayWithinTheLimit() throws Exception {
        String rider = newRider();
        RiderLimit two = new RiderLimit(2, REQUESTED.minusSeconds(60));
        int bookings = 16;
        List<Ride> attempts = new ArrayList<>();
        for (int i = 0; i < bookings; i++) {
            attempts.add(ride(rider, unicorn(), REQUESTED.plusMillis(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(bookings);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < bookings; i++) {
                Ride attempt = attempts.get(i);
                boolean keyedAttempt = i % 2 == 0;
                results.add(pool.submit(() -> {
                    start.await();
                    return keyedAttempt
                            ? rides.addOnce(keyed(newRequestKey(), "f", attempt), two)
                                    .isPresent()
                            : rides.add(attempt, two);
                }));
            }
            start.countDown();
            long stored = 0;
            for (Future<Boolean> result : results) {
                stored += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(stored).as("bookings answered as stored").isEqualTo(2);
            assertThat(attempts.stream()
                            .filter(ride -> rides.findById(ride.rideId()).isPresent())
                            .count())
                    .as("rides stored")
                    .isEqualTo(2);
            assertThat(rides.ridesRequestedSince(rider, two.since()).count()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    protected static Ride ride(String rider, Unicorn unicorn, Instant requestTime) {
        return new Ride(newRideId(), rider, unicorn, requestTime);
    }

    protected static KeyedBooking keyed(String requestKey, String fingerprint, Ride ride) {
        return new KeyedBooking(requestKey, fingerprint, new RideBooking(ride, "30 seconds"));
    }

    /** A rider no other test uses, so rides of other tests do not count against the limit. */
    protected static String newRider() {
        return "rider-" + UUID.randomUUID();
    }

    /** A unicorn no other test uses, so assignments of other tests do not interfere. */
    protected static Unicorn unicorn() {
        return new Unicorn("Unicorn-" + UUID.randomUUID(), "White", "Male");
    }

    protected static String newRideId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Shaped as the service makes them: 64 hex digits. */
    protected static String newRequestKey() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }
}
