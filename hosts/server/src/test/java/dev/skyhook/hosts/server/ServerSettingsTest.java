package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.core.policy.FileQuota;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.hosts.api.images.InlineLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {
    @Test
    void withoutADatabaseHostUsersLiveInH2InTheDataDirectory() {
        ServerSettings settings = read(Map.of("DATA_DIR", "/srv/skyhook", "DB_HOST", " "));

        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/srv/skyhook"));
        assertThat(settings.mySql()).isEmpty();
    }

    @Test
    void imageDeliveryDefaultsToLambdasLimitWithoutSigning() {
        ServerSettings settings = read(Map.of());

        assertThat(settings.imageVariants()).isEqualTo(new ImageVariantPolicy(InlineLimit.LAMBDA_BYTES));
        assertThat(settings.imageUrlSigning()).isFalse();
    }

    @Test
    void imageInlineLimitAndSigningCanBeSet() {
        ServerSettings settings = read(Map.of("IMAGE_INLINE_LIMIT", "edge", "IMAGE_URL_SIGNING", "on"));

        assertThat(settings.imageVariants().inlineLimitBytes()).isEqualTo(InlineLimit.EDGE_BYTES);
        assertThat(settings.imageUrlSigning()).isTrue();
        assertThatThrownBy(() -> read(Map.of("IMAGE_URL_SIGNING", "maybe"))).hasMessageContaining("on or off");
    }

    @Test
    void theFileQuotaDefaultsToAGibibyteInAThousandFilesAndCanBeSet() {
        assertThat(read(Map.of()).files().quota()).isEqualTo(FileQuota.defaults());
        assertThat(read(Map.of("FILES_QUOTA_BYTES", "1048576", "FILES_QUOTA_COUNT", "10"))
                        .files()
                        .quota())
                .isEqualTo(new FileQuota(1_048_576, 10));
        assertThatThrownBy(() -> read(Map.of("FILES_QUOTA_BYTES", "lots"))).hasMessageContaining("FILES_QUOTA_BYTES");
    }

    @Test
    void ridersHoldOneBusyUnicornUnlessMaxRidesPerRiderSaysOtherwise() {
        assertThat(read(Map.of()).rides().maxRidesPerRider()).isEqualTo(1);
        assertThat(read(Map.of("MAX_RIDES_PER_RIDER", "2")).rides().maxRidesPerRider())
                .isEqualTo(2);
        assertThatThrownBy(() -> read(Map.of("MAX_RIDES_PER_RIDER", "0"))).hasMessageContaining("MAX_RIDES_PER_RIDER");
    }

    @Test
    void dataDirectoryDefaultsToDataInTheWorkingDirectory() {
        assertThat(read(Map.of()).dataDirectory()).isEqualTo(Path.of("./data"));
    }

    @Test
    void aDatabaseHostMeansMySqlWithTheOriginalsSettings() {
        ServerSettings settings =
                read(Map.of("DB_HOST", "db.example", "DB_USER", "admin", "DB_PASS", "secret", "DB_NAME", "skyhook"));

        MySqlSettings mySql = settings.mySql().orElseThrow();
        assertThat(mySql.jdbcUrl()).isEqualTo("jdbc:mysql://db.example:3306/skyhook");
        assertThat(mySql.user()).isEqualTo("admin");
        assertThat(mySql.password()).isEqualTo("secret");
        assertThat(settings.migrateMySql()).isTrue();
    }

    @Test
    void portAndMigrationCanBeSet() {
        ServerSettings settings =
                read(Map.of("DB_HOST", "db", "DB_PORT", "3307", "DB_USER", "u", "DB_NAME", "n", "DB_MIGRATE", "false"));

        assertThat(settings.mySql().orElseThrow().port()).isEqualTo(3307);
        assertThat(settings.migrateMySql()).isFalse();
    }

    @Test
    void missingUserOrBadPortIsAClearStartupError() {
        assertThatThrownBy(() -> read(Map.of("DB_HOST", "db", "DB_NAME", "n"))).hasMessageContaining("DB_USER");
        assertThatThrownBy(() -> read(Map.of("DB_HOST", "db", "DB_USER", "u", "DB_NAME", "n", "DB_PORT", "mysql")))
                .hasMessageContaining("DB_PORT");
    }

    @Test
    void bodiesGetSixtySecondsPlusOneSecondPerSixteenKibibytesAndUploadsTwoPerCore() {
        RequestBodyLimits limits = read(Map.of()).bodies();

        assertThat(limits.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(limits.minBytesPerSecond()).isEqualTo(16 * 1024);
        assertThat(limits.concurrentUploads())
                .isEqualTo(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
        assertThat(limits.allowedFor(0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(limits.allowedFor(16 * 1024 * 10 + 8 * 1024)).isEqualTo(Duration.ofMillis(70_500));
        assertThat(limits.allowedFor(Long.MAX_VALUE))
                .isEqualTo(Duration.ofSeconds(60).plusDays(1));
    }

    @Test
    void bodyLimitsCanBeSetAndAZeroRateMakesTheTimeoutADeadlineForTheWholeBody() {
        RequestBodyLimits limits = read(Map.of(
                        "BODY_TIMEOUT_SECONDS", "5", "BODY_MIN_BYTES_PER_SECOND", "0", "MAX_CONCURRENT_UPLOADS", "3"))
                .bodies();

        assertThat(limits).isEqualTo(new RequestBodyLimits(Duration.ofSeconds(5), 0, 3));
        assertThat(limits.allowedFor(1_000_000_000)).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> read(Map.of("BODY_TIMEOUT_SECONDS", "0")))
                .hasMessageContaining("BODY_TIMEOUT_SECONDS");
        assertThatThrownBy(() -> read(Map.of("BODY_MIN_BYTES_PER_SECOND", "-1")))
                .hasMessageContaining("BODY_MIN_BYTES_PER_SECOND");
        assertThatThrownBy(() -> read(Map.of("BODY_MIN_BYTES_PER_SECOND", "fast")))
                .hasMessageContaining("BODY_MIN_BYTES_PER_SECOND");
        assertThatThrownBy(() -> read(Map.of("MAX_CONCURRENT_UPLOADS", "0")))
                .hasMessageContaining("MAX_CONCURRENT_UPLOADS");
    }

    private static ServerSettings read(Map<String, String> variables) {
        return ServerSettings.of(variables, 8080, Optional.empty());
    }
}
