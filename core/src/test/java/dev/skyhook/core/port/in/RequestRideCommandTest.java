package dev.skyhook.core.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestRideCommandTest {
    @ParameterizedTest
    @ValueSource(doubles = {91, -91, 90.000001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void refusesLatitudesOffTheGlobe(double latitude) {
        assertRefused(() -> new RequestRideCommand("rider", latitude, 0, Optional.empty()), "PickupLocation.Latitude");
    }

    @ParameterizedTest
    @ValueSource(doubles = {181, -181, 180.5, Double.NaN, Double.POSITIVE_INFINITY})
    void refusesLongitudesOffTheGlobe(double longitude) {
        assertRefused(
                () -> new RequestRideCommand("rider", 0, longitude, Optional.empty()), "PickupLocation.Longitude");
    }

    @Test
    void acceptsTheEdgesOfTheGlobe() {
        assertThat(new RequestRideCommand("r", 90, 180, Optional.empty())
                        .pickup()
                        .latitude())
                .isEqualTo(90);
        assertThat(new RequestRideCommand("r", -90, -180, Optional.empty())
                        .pickup()
                        .longitude())
                .isEqualTo(-180);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\t", "ключ", "\u0000"})
    void refusesIdempotencyKeysThatAreNotVisibleAscii(String key) {
        assertRefused(() -> new RequestRideCommand("rider", 0, 0, Optional.of(key)), "Idempotency-Key");
    }

    @Test
    void boundsTheIdempotencyKeyLength() {
        assertThat(new RequestRideCommand("r", 0, 0, Optional.of("k".repeat(255))).idempotencyKey())
                .hasValue("k".repeat(255));
        assertRefused(() -> new RequestRideCommand("r", 0, 0, Optional.of("k".repeat(256))), "Idempotency-Key");
    }

    @Test
    void aRiderIsTheHostsDutyNotTheClients() {
        assertThatThrownBy(() -> new RequestRideCommand(" ", 0, 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestRideCommand(null, 0, 0, Optional.empty()))
                .isInstanceOf(NullPointerException.class);
    }

    private static void assertRefused(Runnable construct, String field) {
        assertThatThrownBy(construct::run)
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains(field));
    }
}
