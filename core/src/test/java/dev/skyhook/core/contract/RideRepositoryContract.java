package dev.skyhook.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.KeyedBooking;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.model.Unicorn;
import dev.skyhook.core.port.out.RideRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
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

        rides.add(ride);

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

        rides.add(ride);

        assertThat(rides.findById(ride.rideId())).contains(ride);
    }

    @Test
    void keepsTheRequestTimeToTheMillisecond() {
        Ride ride = ride("rider", unicorn(), Instant.parse("2026-01-02T03:04:05.007Z"));

        rides.add(ride);

        assertThat(rides.findById(ride.rideId()).orElseThrow().requestTime()).isEqualTo(Instant.parse("2026-01-02T03:04:05.007Z"));
    }

    @Test
    void aKeyedBookingIsStoredOnceAndTheFirstOneWins() {
        String key = newRequestKey();
        KeyedBooking first = keyed(key, "fingerprint-a", ride("rider", unicorn(), REQUESTED));
        KeyedBooking second = keyed(key, "fingerprint-b", ride("rider", unicorn(), REQUESTED.plusSeconds(1)));

        assertThat(rides.addOnce(first)).isEqualTo(first);
        assertThat(rides.addOnce(second)).isEqualTo(first);

        assertThat(rides.findById(first.booking().ride().rideId())).contains(first.booking().ride());
        assertThat(rides.findById(second.booking().ride().rideId())).as("the second ride").isEmpty();
        assertThat(rides.findByRequestKey(key)).contains(first);
    }

    @Test
    void findsNoBookingForAnUnknownRequestKey() {
        assertThat(rides.findByRequestKey(newRequestKey())).isEmpty();
    }

    @Test
    void concurrentRetriesWithOneKeyStoreExactlyOneRide() throws Exception {
        String key = newRequestKey();
        List<KeyedBooking> attempts = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_RETRIES; i++) {
            attempts.add(keyed(key, "same-request", ride("racer", unicorn(), REQUESTED)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_RETRIES);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<KeyedBooking>> results = new ArrayList<>();
            for (KeyedBooking attempt : attempts) {
                results.add(pool.submit(() -> {
                    start.await();
                    return rides.addOnce(attempt);
                }));
            }
            start.countDown();
            Set<KeyedBooking> answers = new HashSet<>();
            for (Future<KeyedBooking> result : results) {
                answers.add(result.get(60, TimeUnit.SECONDS));
            }

            assertThat(answers).as("every retry gets the same booking").hasSize(1);
            long stored = attempts.stream().filter(a -> rides.findById(a.booking().ride().rideId()).isPresent()).count();
            assertThat(stored).as("rides stored").isEqualTo(1);
            assertThat(attempts).contains(answers.iterator().next());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tellsWhetherAUnicornWasAssignedSinceAnInstant() {
        Unicorn busy = unicorn();
        rides.add(ride("rider", busy, REQUESTED));

        assertThat(rides.isAssignedSince(busy.name(), REQUESTED.minusSeconds(60))).isTrue();
        assertThat(rides.isAssignedSince(busy.name(), REQUESTED)).as("at the request time itself").isTrue();
        assertThat(rides.isAssignedSince(busy.name(), REQUESTED.plusMillis(1))).isFalse();
        assertThat(rides.isAssignedSince(unicorn().name(), REQUESTED.minusSeconds(60))).as("another unicorn").isFalse();
    }

    @Test
    void keyedBookingsCountAsAssignments() {
        Unicorn busy = unicorn();
        rides.addOnce(keyed(newRequestKey(), "f", ride("rider", busy, REQUESTED)));

        assertThat(rides.isAssignedSince(busy.name(), REQUESTED.minusSeconds(1))).isTrue();
    }

    protected static Ride ride(String rider, Unicorn unicorn, Instant requestTime) {
        return new Ride(newRideId(), rider, unicorn, requestTime);
    }

    protected static KeyedBooking keyed(String requestKey, String fingerprint, Ride ride) {
        return new KeyedBooking(requestKey, fingerprint, new RideBooking(ride, "30 seconds"));
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
