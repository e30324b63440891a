package dev.skyhook.hosts.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.policy.Fleet;
import dev.skyhook.hosts.api.rides.RideSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RideVariablesTest {
    private static RideSettings rides(Map<String, String> variables) {
        return Settings.fromVariables(variables).rides();
    }

    @Test
    void unicornsAreBusyForAMinuteUnlessConfigured() {
        assertThat(rides(Map.of()).unicornBusyFor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(rides(Map.of("RIDE_BUSY_SECONDS", " 0 ")).unicornBusyFor()).isZero();
    }

    @Test
    void aRiderHoldsOneUnicornAtATimeUnlessConfigured() {
        assertThat(rides(Map.of()).maxRidesPerRider()).isEqualTo(1);
        assertThat(RideSettings.defaults().maxRidesPerRider()).isEqualTo(1);
        assertThat(rides(Map.of("MAX_RIDES_PER_RIDER", " 3 ")).maxRidesPerRider())
                .isEqualTo(3);
        assertThat(rides(Map.of("MAX_RIDES_PER_RIDER", "3"))
                        .assignment(Fleet.wildRydes())
                        .ridesPerRider())
                .isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "101", "99999999999", "two", "1.5"})
    void refusesARiderLimitOutsideOneToAHundred(String value) {
        assertThatThrownBy(() -> rides(Map.of("MAX_RIDES_PER_RIDER", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAX_RIDES_PER_RIDER");
    }

    @Test
    void namesTheVariableThatIsWrong() {
        assertThatThrownBy(() -> rides(Map.of("RIDE_BUSY_SECONDS", "soon"))).hasMessageContaining("RIDE_BUSY_SECONDS");
        assertThatThrownBy(() -> rides(Map.of("RIDE_BUSY_SECONDS", "-1"))).hasMessageContaining("RIDE_BUSY_SECONDS");
    }
}
