package dev.skyhook.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.fake.InMemoryRideRepository;
import dev.skyhook.core.model.Coordinates;
import dev.skyhook.core.model.FleetUnicorn;
import dev.skyhook.core.model.Ride;
import dev.skyhook.core.model.RideBooking;
import dev.skyhook.core.model.Unicorn;
import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.policy.RideAssignment;
import dev.skyhook.core.port.in.RequestRideCommand;
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
        String first = service(Duration.ZERO).request(command("r", Optional.empty())).ride().rideId();
        String again = new RideService(new InMemoryRideRepository(), new RideAssignment(Fleet.wildRydes(), Duration.ZERO), clock,
            new Random(42)).request(command("r", Optional.empty())).ride().rideId();

        assertThat(first).matches("[A-Za-z0-9_-]{22}").isEqualTo(again);
        assertThat(service(Duration.ZERO).request(command("r", Optional.empty())).ride().rideId()).isNotEqualTo(first);
    }

    @Test
    void busyUnicornsAreSkippedUntilTheirBusyTimeIsOver() {
        RideService rides = service(Duration.ofSeconds(60));

        assertThat(unicornFor(rides)).isEqualTo("Shadowfax");
        assertThat(unicornFor(rides)).isEqualTo("Bucephalus");
        assertThat(unicornFor(rides)).isEqualTo("Rocinante");
        assertThatThrownBy(() -> rides.request(command("r", Optional.empty())))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CAPACITY));

        clock = Clock.offset(clock, Duration.ofSeconds(60).plusMillis(1));
        assertThat(unicornFor(service(Duration.ofSeconds(60)))).isEqualTo("Shadowfax");
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameRideAndStoresNoOther() {
        RideService rides = service(Duration.ofSeconds(60));
        RideBooking first = rides.request(command("the_username", Optional.of("key-1")));
        clock = Clock.offset(clock, Duration.ofSeconds(5));

        RideBooking retry = service(Duration.ofSeconds(60)).request(command("the_username", Optional.of("key-1")));

        assertThat(retry).isEqualTo(first);
        // Shadowfax is busy with the first booking, so a second booking would have got Bucephalus.
        assertThat(repository.isAssignedSince("Bucephalus", NOW.minusSeconds(60))).isFalse();
    }

    @Test
    void aRetryIsAnsweredEvenWhenEveryUnicornIsBusyNow() {
        Fleet one = new Fleet(List.of(new FleetUnicorn(new Unicorn("Solo", "Grey", "Female"), new Coordinates(47.62, -122.29), 10)));
        RideService rides = new RideService(repository, new RideAssignment(one, Duration.ofMinutes(5)), clock, new Random(1));
        RideBooking first = rides.request(command("r", Optional.of("k")));

        assertThat(rides.request(command("r", Optional.of("k")))).isEqualTo(first);
        assertThatThrownBy(() -> rides.request(command("r", Optional.of("other-key"))))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CAPACITY));
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
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> rides.get("alice", "no-such-ride"))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void storeFailuresReachTheCallerAsTheirCode() {
        repository.failWith(ErrorCode.STORE_UNAVAILABLE);

        assertThatThrownBy(() -> service(Duration.ZERO).request(command("r", Optional.empty())))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
    }

    private String unicornFor(RideService rides) {
        return rides.request(command("r", Optional.empty())).ride().unicorn().name();
    }

    private static RequestRideCommand command(String rider, Optional<String> key) {
        return new RequestRideCommand(rider, LATITUDE, LONGITUDE, key);
    }
}
