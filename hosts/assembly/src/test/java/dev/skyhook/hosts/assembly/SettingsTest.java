package dev.skyhook.hosts.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.aws.rds.MySqlSettings;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.FileQuota;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.service.FileService;
import dev.skyhook.hosts.api.images.InlineLimit;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes";
    private static final String DB_SECRET =
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf";

    private static Settings read(Map<String, String> variables) {
        return Settings.fromVariables(variables);
    }

    @Test
    void withNothingSetEveryStoreIsAbsentAndEverySettingOnItsDefault() {
        Settings settings = read(Map.of());

        assertThat(settings.mySql()).isEmpty();
        assertThat(settings.s3()).isEmpty();
        assertThat(settings.dynamoDb()).isEmpty();
        assertThat(settings.allowedPaths().folders())
                .isEqualTo(AllowedPaths.defaults().folders());
        assertThat(settings.fileUrlTtl()).isEqualTo(FileService.DEFAULT_URL_TTL);
        assertThat(settings.files().quota()).isEqualTo(FileQuota.defaults());
        assertThat(settings.imageVariants()).isEqualTo(new ImageVariantPolicy(InlineLimit.LAMBDA_BYTES));
        assertThat(settings.imageUrlSigning()).isFalse();
        assertThat(settings.apiKeys()).isEmpty();
        assertThat(settings.secrets()).isEqualTo(Settings.Secrets.none());
    }

    @Test
    void aDatabaseHostMeansMySqlWithTheOriginalsVariables() {
        MySqlSettings mySql = read(Map.of(
                        "DB_HOST",
                        "db.example",
                        "DB_USER",
                        "admin",
                        "DB_PASS",
                        "secret",
                        "DB_NAME",
                        "skyhook",
                        "DB_PORT",
                        "3307"))
                .mySql()
                .orElseThrow();

        assertThat(mySql.jdbcUrl()).isEqualTo("jdbc:mysql://db.example:3307/skyhook");
        assertThat(mySql.user()).isEqualTo("admin");
        assertThat(mySql.password()).isEqualTo("secret");
        assertThat(read(Map.of("DB_HOST", " ")).mySql()).isEmpty();
        assertThatThrownBy(() -> read(Map.of("DB_HOST", "db", "DB_NAME", "n"))).hasMessageContaining("DB_USER");
        assertThatThrownBy(() -> read(Map.of("DB_HOST", "db", "DB_USER", "u", "DB_NAME", "n", "DB_PORT", "mysql")))
                .hasMessageContaining("DB_PORT");
        assertThatThrownBy(() -> read(Map.of("DB_POOL_SIZE", "0"))).hasMessageContaining("DB_POOL_SIZE");
    }

    @Test
    void aRegionMeansDynamoDbAndABucketMeansS3() {
        Settings settings = read(Map.of("AWS_REGION", "eu-west-1", "BUCKET_NAME", "skyhook-images"));

        assertThat(settings.dynamoDb())
                .hasValueSatisfying(dynamo -> assertThat(dynamo.region()).isEqualTo("eu-west-1"));
        assertThat(settings.s3())
                .hasValueSatisfying(s3 -> assertThat(s3.bucket()).isEqualTo("skyhook-images"));
    }

    @Test
    void ridersHoldOneBusyUnicornUnlessMaxRidesPerRiderSaysOtherwise() {
        assertThat(read(Map.of()).rides().maxRidesPerRider()).isEqualTo(1);
        assertThat(read(Map.of("MAX_RIDES_PER_RIDER", "3")).rides().maxRidesPerRider())
                .isEqualTo(3);
        assertThatThrownBy(() -> read(Map.of("MAX_RIDES_PER_RIDER", "many")))
                .hasMessageContaining("MAX_RIDES_PER_RIDER");
    }

    @Test
    void edgeModeAndSigningAreRead() {
        Settings settings =
                read(Map.of("IMAGE_INLINE_LIMIT", "edge", "IMAGE_URL_SIGNING", "on", "URL_SIGNING_SECRET", SECRET));

        assertThat(settings.imageVariants().inlineLimitBytes()).isEqualTo(InlineLimit.EDGE_BYTES);
        assertThat(settings.imageUrlSigning()).isTrue();
    }

    @Test
    void aWeakSecretOrAnotherWordIsRefusedAtStart() {
        assertThatThrownBy(() -> read(Map.of("IMAGE_URL_SIGNING", "on", "URL_SIGNING_SECRET", "short")))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> read(Map.of("IMAGE_URL_SIGNING", "yes"))).hasMessageContaining("on or off");
        assertThatThrownBy(() -> read(Map.of("IMAGE_INLINE_LIMIT", "big"))).hasMessageContaining("IMAGE_INLINE_LIMIT");
        assertThatThrownBy(() -> read(Map.of("FILE_URL_TTL_SECONDS", "0")))
                .hasMessageContaining("FILE_URL_TTL_SECONDS");
    }

    @Test
    void onAwsSigningNeedsAConfiguredSecretForNoneCanBeKept() {
        AwsAdapters adapters = new AwsAdapters(read(Map.of("IMAGE_URL_SIGNING", "on")), Optional.empty(), pool -> {});

        assertThatThrownBy(adapters::urlSigningSecret).hasMessageContaining("URL_SIGNING_SECRET");
    }

    @Test
    void theFileQuotaIsRead() {
        assertThat(read(Map.of("FILES_QUOTA_BYTES", "5000000", "FILES_QUOTA_COUNT", "20"))
                        .files()
                        .quota())
                .isEqualTo(new FileQuota(5_000_000, 20));
        assertThatThrownBy(() -> read(Map.of("FILES_QUOTA_COUNT", "none"))).hasMessageContaining("FILES_QUOTA_COUNT");
    }

    @Test
    void secretsComeFromSecretsManagerArnsOrLocallyFromPlainVariables() {
        Settings onAws = read(Map.of(
                "DB_SECRET_ARN",
                DB_SECRET,
                "API_KEYS_SECRET_ARN",
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:skyhook/api-keys-XyZ123"));
        Settings local = read(Map.of("DB_PASS", "local", "API_KEYS", "local-key-123=demo"));

        assertThat(onAws.secrets().database())
                .hasValueSatisfying(arn -> assertThat(arn.region()).isEqualTo("eu-west-1"));
        assertThat(onAws.secrets().apiKeys()).isPresent();
        assertThat(onAws.apiKeys()).isEmpty();
        assertThat(local.secrets().database()).isEmpty();
        assertThat(local.apiKeys()).contains("local-key-123=demo");
    }

    @Test
    void apiKeysSetToNothingIsNotTheSameAsUnset() {
        assertThat(read(Map.of("API_KEYS", "")).apiKeys()).contains("");
        assertThat(read(Map.of()).apiKeys()).isEmpty();
    }

    @Test
    void aBuilderChangesWhatItIsGivenKeepsTheRestAndChecksAsTheConstructorDoes() {
        Settings read = read(Map.of("ALLOWED_PATHS", "avatars", "FILE_URL_TTL_SECONDS", "60", "API_KEYS", "k=plan"));
        MySqlSettings database = read(Map.of("DB_HOST", "db.example", "DB_USER", "admin", "DB_NAME", "skyhook"))
                .mySql()
                .orElseThrow();

        Settings changed = read.toBuilder()
                .mySql(database)
                .imageDelivery(new ImageVariantPolicy(2000), true)
                .apiKeys("")
                .build();

        assertThat(changed.mySql()).contains(database);
        assertThat(changed.imageVariants()).isEqualTo(new ImageVariantPolicy(2000));
        assertThat(changed.imageUrlSigning()).isTrue();
        assertThat(changed.apiKeys()).contains("");
        assertThat(changed.allowedPaths()).isSameAs(read.allowedPaths());
        assertThat(changed.fileUrlTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(read.mySql()).isEmpty();
        assertThat(read.apiKeys()).contains("k=plan");
        assertThatThrownBy(() -> read.toBuilder().urlSigningSecret("short").build())
                .hasMessageContaining("URL_SIGNING_SECRET must be at least 32 bytes");
    }

    @Test
    void aSecretGivenTwiceOrNotAsAnArnIsRefusedAtStart() {
        assertThatThrownBy(() -> read(Map.of("DB_SECRET_ARN", DB_SECRET, "DB_PASS", "also")))
                .hasMessageContaining("DB_SECRET_ARN or DB_PASS");
        assertThatThrownBy(() -> read(Map.of("API_KEYS", "local-key-123", "API_KEYS_SECRET_ARN", DB_SECRET)))
                .hasMessageContaining("API_KEYS_SECRET_ARN or API_KEYS");
        assertThatThrownBy(() -> read(Map.of("DB_SECRET_ARN", "skyhook/db")))
                .hasMessageStartingWith("DB_SECRET_ARN: ")
                .hasMessageContaining("not the ARN");
    }

    @Test
    void theLocalServersOwnSettingsHaveDemoDefaults() {
        Settings.LocalServer server = Settings.localServer(Map.of(), 8081);

        assertThat(server.dataDirectory()).isEqualTo(Path.of("./data"));
        assertThat(server.baseUrl()).isEqualTo(URI.create("http://localhost:8081"));
        assertThat(server.publicBaseUrl()).isEqualTo(URI.create("http://localhost:8081/blobs"));
        assertThat(server.migrateMySql()).isTrue();
        assertThat(server.demoTokens()).isTrue();
        assertThat(server.demoPage()).isTrue();
        assertThat(server.bodyTimeout()).isEmpty();
    }

    @Test
    void theLocalServersOwnSettingsAreReadWithTheSameRules() {
        Settings.LocalServer server = Settings.localServer(
                Map.of(
                        "DATA_DIR",
                        "/srv/skyhook",
                        "BASE_URL",
                        "https://demo.example/",
                        "DEMO_PAGE",
                        "false",
                        "DB_MIGRATE",
                        "off",
                        "BODY_TIMEOUT_SECONDS",
                        "5"),
                8080);

        assertThat(server.dataDirectory()).isEqualTo(Path.of("/srv/skyhook"));
        assertThat(server.baseUrl()).isEqualTo(URI.create("https://demo.example"));
        assertThat(server.demoPage()).isFalse();
        assertThat(server.migrateMySql()).isFalse();
        assertThat(server.bodyTimeout()).contains(Duration.ofSeconds(5));
        assertThatThrownBy(() -> Settings.localServer(Map.of("DEMO_TOKENS", "perhaps"), 8080))
                .hasMessageContaining("DEMO_TOKENS");
        assertThatThrownBy(() -> Settings.localServer(Map.of("MAX_CONCURRENT_UPLOADS", "0"), 8080))
                .hasMessageContaining("MAX_CONCURRENT_UPLOADS");
    }
}
