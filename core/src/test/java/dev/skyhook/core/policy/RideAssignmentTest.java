package dev.skyhook.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.skyhook.core.model.Coordinates;
import dev.skyhook.core.model.FleetUnicorn;
import dev.skyhook.core.model.Unicorn;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RideAssignmentTest {
    /** The pickup of the Wild Rydes workshop's test event. */
    static final Coordinates WILD_RYDES_PICKUP = new Coordinates(47.6174755835663, -122.28837066650185);

    @Test
    void greatCircleDistancesMatchKnownValues() {
        Coordinates seoul = new Coordinates(37.5665, 126.9780);
        Coordinates busan = new Coordinates(35.1796, 129.0756);
        Coordinates seattle = new Coordinates(47.6062, -122.3321);

        assertThat(RideAssignment.distanceMeters(seoul, busan)).isCloseTo(325_000, within(2_000.0));
        assertThat(RideAssignment.distanceMeters(seoul, seattle)).isCloseTo(8_300_000, within(50_000.0));
        assertThat(RideAssignment.distanceMeters(seoul, seoul)).isZero();
        // Across the antimeridian and over the pole: the short way round.
        assertThat(RideAssignment.distanceMeters(new Coordinates(0, 179.5), new Coordinates(0, -179.5)))
                .isCloseTo(111_195, within(10.0));
        assertThat(RideAssignment.distanceMeters(new Coordinates(90, 0), new Coordinates(-90, 0)))
                .isCloseTo(Math.PI * RideAssignment.EARTH_RADIUS_METERS, within(1.0));
    }

    @Test
    void theWildRydesRiderGetsShadowfaxThirtySecondsAway() {
        List<FleetUnicorn> order =
                new RideAssignment(Fleet.wildRydes(), Duration.ZERO).nearestFirst(WILD_RYDES_PICKUP, new Random(1));

        assertThat(order).extracting(u -> u.unicorn().name()).containsExactly("Shadowfax", "Bucephalus", "Rocinante");
        assertThat(RideAssignment.eta(order.get(0), WILD_RYDES_PICKUP)).isEqualTo("30 seconds");
    }

    @Test
    void theDefaultFleetIsTheOriginals() {
        assertThat(Fleet.wildRydes().unicorns())
                .extracting(FleetUnicorn::unicorn)
                .containsExactlyInAnyOrder(
                        new Unicorn("Bucephalus", "Golden", "Male"),
                        new Unicorn("Shadowfax", "White", "Male"),
                        new Unicorn("Rocinante", "Yellow", "Female"));
    }

    @Test
    void tiesAreBrokenByTheInjectedRandomness() {
        Coordinates here = new Coordinates(10, 10);
        Fleet twins = new Fleet(List.of(
                new FleetUnicorn(new Unicorn("Castor", "White", "Male"), here, 10),
                new FleetUnicorn(new Unicorn("Pollux", "White", "Male"), here, 10),
                new FleetUnicorn(new Unicorn("Far", "Black", "Female"), new Coordinates(11, 11), 10)));
        RideAssignment assignment = new RideAssignment(twins, Duration.ZERO);

        Set<String> firsts = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            List<FleetUnicorn> order = assignment.nearestFirst(here, new Random(seed));
            firsts.add(order.get(0).unicorn().name());
            assertThat(order.get(2).unicorn().name()).isEqualTo("Far");
            // The same seed gives the same order: tests can be exact.
            assertThat(assignment.nearestFirst(here, new Random(seed))).isEqualTo(order);
        }
        assertThat(firsts).containsExactlyInAnyOrder("Castor", "Pollux");
    }

    @ParameterizedTest
    @CsvSource({
        "1, 1 second", "0, 1 second", "30, 30 seconds", "59, 59 seconds", "60, 1 minute", "61, 2 minutes",
        "3540, 59 minutes", "3599, 1 hour", "3600, 1 hour", "3601, 1 hour 1 minute", "7500, 2 hours 5 minutes",
                "86400, 24 hours"
    })
    void etaIsWordedAsTheOriginal(long seconds, String expected) {
        assertThat(RideAssignment.describe(Math.max(1, seconds))).isEqualTo(expected);
    }

    @Test
    void etaRoundsUpDistanceOverSpeed() {
        FleetUnicorn unicorn = new FleetUnicorn(new Unicorn("U", "W", "M"), new Coordinates(0, 0), 10);
        // 0.001 degrees of latitude is 111.2 m: 11.1 s at 10 m/s, so 12 seconds.
        assertThat(RideAssignment.eta(unicorn, new Coordinates(0.001, 0))).isEqualTo("12 seconds");
        assertThat(RideAssignment.eta(unicorn, new Coordinates(0, 0))).isEqualTo("1 second");
    }

    @Test
    void refusesFleetsWithoutUnicornsOrWithTwoOfOneName() {
        FleetUnicorn one = new FleetUnicorn(new Unicorn("Same", "W", "M"), new Coordinates(0, 0), 1);
        assertThatThrownBy(() -> new Fleet(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fleet(List.of(one, one))).hasMessageContaining("Same");
        assertThatThrownBy(() -> new FleetUnicorn(one.unicorn(), one.position(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FleetUnicorn(one.unicorn(), one.position(), Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RideAssignment(Fleet.wildRydes(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
