package dev.skyhook.hosts.lambda.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.policy.FileQuota;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.hosts.api.images.InlineLimit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaSettingsTest {
    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes";

    @Test
    void imageDeliveryDefaultsToLambdasLimitAndUnsignedUrls() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of());

        assertThat(settings.imageVariants()).isEqualTo(new ImageVariantPolicy(InlineLimit.LAMBDA_BYTES));
        assertThat(settings.imageUrlSigning()).isEmpty();
    }

    @Test
    void ridersHoldOneBusyUnicornUnlessMaxRidesPerRiderSaysOtherwise() {
        assertThat(LambdaSettings.fromEnvironment(Map.of()).rides().maxRidesPerRider()).isEqualTo(1);
        assertThat(LambdaSettings.fromEnvironment(Map.of("MAX_RIDES_PER_RIDER", "3")).rides().maxRidesPerRider()).isEqualTo(3);
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("MAX_RIDES_PER_RIDER", "many")))
            .hasMessageContaining("MAX_RIDES_PER_RIDER");
    }

    @Test
    void edgeModeAndSigningAreReadFromTheEnvironment() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of("IMAGE_INLINE_LIMIT", "edge", "IMAGE_URL_SIGNING", "on",
            "URL_SIGNING_SECRET", SECRET));

        assertThat(settings.imageVariants().inlineLimitBytes()).isEqualTo(InlineLimit.EDGE_BYTES);
        assertThat(settings.imageUrlSigning()).isPresent();
    }

    @Test
    void signingWithoutAStrongSecretOrWithAnotherWordIsRefusedAtStart() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("IMAGE_URL_SIGNING", "on")))
            .hasMessageContaining("URL_SIGNING_SECRET");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("IMAGE_URL_SIGNING", "on", "URL_SIGNING_SECRET", "short")))
            .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("IMAGE_URL_SIGNING", "yes")))
            .hasMessageContaining("on or off");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("IMAGE_INLINE_LIMIT", "big")))
            .hasMessageContaining("IMAGE_INLINE_LIMIT");
    }

    @Test
    void theFileQuotaIsReadFromTheEnvironment() {
        assertThat(LambdaSettings.fromEnvironment(Map.of()).files().quota()).isEqualTo(FileQuota.defaults());
        assertThat(LambdaSettings.fromEnvironment(Map.of("FILES_QUOTA_BYTES", "5000000", "FILES_QUOTA_COUNT", "20")).files().quota())
            .isEqualTo(new FileQuota(5_000_000, 20));
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("FILES_QUOTA_COUNT", "none")))
            .hasMessageContaining("FILES_QUOTA_COUNT");
    }

    private static final String DB_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-0a1b2c3d-AbCdEf";

    @Test
    void secretsComeFromSecretsManagerArnsOrLocallyFromPlainVariables() {
        LambdaSecrets onAws = LambdaSettings.fromEnvironment(Map.of("DB_SECRET_ARN", DB_SECRET,
            "API_KEYS_SECRET_ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:skyhook/api-keys-XyZ123")).secrets();
        LambdaSecrets local = LambdaSettings.fromEnvironment(Map.of("DB_PASS", "local", "API_KEYS", "local-key-123=demo")).secrets();

        assertThat(onAws.database()).hasValueSatisfying(arn -> assertThat(arn.region()).isEqualTo("eu-west-1"));
        assertThat(onAws.apiKeysSecret()).isPresent();
        assertThat(onAws.apiKeys()).isEmpty();
        assertThat(local.database()).isEmpty();
        assertThat(local.apiKeys()).contains("local-key-123=demo");
        assertThat(LambdaSettings.fromEnvironment(Map.of()).secrets()).isEqualTo(LambdaSecrets.none());
    }

    @Test
    void aSecretGivenTwiceOrNotAsAnArnIsRefusedAtStart() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("DB_SECRET_ARN", DB_SECRET, "DB_PASS", "also")))
            .hasMessageContaining("DB_SECRET_ARN or DB_PASS");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("API_KEYS", "local-key-123",
            "API_KEYS_SECRET_ARN", DB_SECRET))).hasMessageContaining("API_KEYS_SECRET_ARN or API_KEYS");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of("DB_SECRET_ARN", "skyhook/db")))
            .hasMessageStartingWith("DB_SECRET_ARN: ").hasMessageContaining("not the ARN");
    }
}
