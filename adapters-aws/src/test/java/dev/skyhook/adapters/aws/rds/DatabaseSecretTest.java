package dev.skyhook.adapters.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseSecretTest {
    private static final MySqlSettings FROM_ENVIRONMENT =
            new MySqlSettings("db.internal", 3306, "skyhook", "", "skyhook", Duration.ofSeconds(3), 2);

    @Test
    void rdsManagedSecretGivesUserAndPassword() {
        DatabaseSecret secret = DatabaseSecret.parse("{\"username\":\"admin\",\"password\":\"s3cr3t \\\"quoted\\\"\"}");

        assertThat(secret).isEqualTo(new DatabaseSecret(Optional.of("admin"), "s3cr3t \"quoted\""));
        MySqlSettings settings = FROM_ENVIRONMENT.withCredentials(secret);
        assertThat(settings.user()).isEqualTo("admin");
        assertThat(settings.password()).isEqualTo("s3cr3t \"quoted\"");
        assertThat(settings.host()).isEqualTo("db.internal");
    }

    @Test
    void theRdsCredentialsSecretTypeWithHostAndPortIsReadForItsCredentialsOnly() {
        DatabaseSecret secret = DatabaseSecret.parse(
                "{\"engine\":\"mysql\",\"host\":\"elsewhere\",\"port\":3307,\"username\":\"app\",\"password\":\"pw\"}");

        assertThat(FROM_ENVIRONMENT.withCredentials(secret))
                .isEqualTo(new MySqlSettings("db.internal", 3306, "app", "pw", "skyhook", Duration.ofSeconds(3), 2));
    }

    @Test
    void aSecretWithoutUsernameKeepsDbUserAndPlainTextIsThePassword() {
        assertThat(FROM_ENVIRONMENT
                        .withCredentials(DatabaseSecret.parse("{\"password\":\"pw\"}"))
                        .user())
                .isEqualTo("skyhook");
        assertThat(DatabaseSecret.parse("just-a-password"))
                .isEqualTo(new DatabaseSecret(Optional.empty(), "just-a-password"));
    }

    @Test
    void aSecretWithoutAUsablePasswordIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> DatabaseSecret.parse("{\"username\":\"admin\"}"))
                .hasMessageContaining("no \"password\"");
        assertThatThrownBy(() -> DatabaseSecret.parse("{\"password\":\"\"}")).hasMessageContaining("no \"password\"");
        assertThatThrownBy(() -> DatabaseSecret.parse("{\"password\":42}")).hasMessageContaining("no \"password\"");
        assertThatThrownBy(() -> DatabaseSecret.parse("{\"password\":\"hunter2\""))
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> DatabaseSecret.parse("  ")).hasMessageContaining("empty");
    }

    @Test
    void thePasswordNeverAppearsInText() {
        DatabaseSecret secret = DatabaseSecret.parse("{\"username\":\"admin\",\"password\":\"hunter2\"}");

        assertThat(secret.toString()).doesNotContain("hunter2");
        assertThat(FROM_ENVIRONMENT.withCredentials(secret).toString()).doesNotContain("hunter2");
    }
}
