package dev.skyhook.hosts.api.rides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RideSettingsTest {
    @Test
    void unicornsAreBusyForAMinuteUnlessConfigured() {
        assertThat(RideSettings.fromEnvironment(Map.of()).unicornBusyFor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(RideSettings.fromEnvironment(Map.of("RIDE_BUSY_SECONDS", " 0 ")).unicornBusyFor()).isZero();
    }

    @Test
    void namesTheVariableThatIsWrong() {
        assertThatThrownBy(() -> RideSettings.fromEnvironment(Map.of("RIDE_BUSY_SECONDS", "soon"))).hasMessageContaining("RIDE_BUSY_SECONDS");
        assertThatThrownBy(() -> RideSettings.fromEnvironment(Map.of("RIDE_BUSY_SECONDS", "-1"))).hasMessageContaining("RIDE_BUSY_SECONDS");
    }
}
