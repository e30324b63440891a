package dev.skyhook.adapters.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MySqlSettingsTest {
    @Test
    void neverPrintsThePassword() {
        MySqlSettings settings = new MySqlSettings("h", 3306, "u", "hunter2", "n", Duration.ofSeconds(1), 1);

        assertThat(settings.toString()).doesNotContain("hunter2");
    }
}
