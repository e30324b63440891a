package dev.skyhook.adapters.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MySqlSettingsTest {
    @Test
    void readsTheOriginalFunctionsVariablesWithDefaults() {
        MySqlSettings settings = MySqlSettings.fromEnvironment(
            Map.of("DB_HOST", "db.example", "DB_USER", "admin", "DB_PASS", "s3cret", "DB_NAME", "skyhook"), 2).orElseThrow();

        assertThat(settings).isEqualTo(new MySqlSettings("db.example", 3306, "admin", "s3cret", "skyhook", Duration.ofSeconds(3), 2));
        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:mysql://db.example:3306/skyhook");
    }

    @Test
    void isAbsentWithoutAHost() {
        assertThat(MySqlSettings.fromEnvironment(Map.of("DB_USER", "admin"), 2)).isEmpty();
    }

    @Test
    void namesTheVariableThatIsWrong() {
        assertThatThrownBy(() -> MySqlSettings.fromEnvironment(Map.of("DB_HOST", "h", "DB_NAME", "n"), 2))
            .hasMessageContaining("DB_USER");
        assertThatThrownBy(() -> MySqlSettings.fromEnvironment(Map.of("DB_HOST", "h", "DB_USER", "u", "DB_NAME", "n", "DB_PORT", "x"), 2))
            .hasMessageContaining("DB_PORT");
    }

    @Test
    void neverPrintsThePassword() {
        MySqlSettings settings = new MySqlSettings("h", 3306, "u", "hunter2", "n", Duration.ofSeconds(1), 1);

        assertThat(settings.toString()).doesNotContain("hunter2");
    }
}
