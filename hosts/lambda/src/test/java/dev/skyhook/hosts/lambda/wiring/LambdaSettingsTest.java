package dev.skyhook.hosts.lambda.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.policy.FileQuota;
import dev.skyhook.core.policy.ImageVariantPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaSettingsTest {
    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes";

    @Test
    void imageDeliveryDefaultsToLambdasLimitAndUnsignedUrls() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of());

        assertThat(settings.imageVariants()).isEqualTo(ImageVariantPolicy.lambda());
        assertThat(settings.imageUrlSigning().enabled()).isFalse();
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

        assertThat(settings.imageVariants().inlineLimitBytes()).isEqualTo(ImageVariantPolicy.EDGE_INLINE_BYTES);
        assertThat(settings.imageUrlSigning().enabled()).isTrue();
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
}
