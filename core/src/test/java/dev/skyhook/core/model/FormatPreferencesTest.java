package dev.skyhook.core.model;

import static dev.skyhook.core.model.ImageFormat.AVIF;
import static dev.skyhook.core.model.ImageFormat.JPEG;
import static dev.skyhook.core.model.ImageFormat.PNG;
import static dev.skyhook.core.model.ImageFormat.WEBP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormatPreferencesTest {
    private static final Set<ImageFormat> NATIVE = EnumSet.of(JPEG, PNG, WEBP, AVIF);
    private static final Set<ImageFormat> PURE_JAVA = EnumSet.of(JPEG, PNG);

    @Test
    void noPreferenceIsTheSourcesFormat() {
        assertThat(FormatPreferences.none().choose(JPEG, NATIVE)).isEqualTo(JPEG);
        assertThat(FormatPreferences.none().choose(PNG, NATIVE)).isEqualTo(PNG);
    }

    @Test
    void avifThenWebpWhenNamedAndEncodable() {
        FormatPreferences browser = new FormatPreferences(Map.of(AVIF, 1000, WEBP, 1000), 1000);

        assertThat(browser.choose(JPEG, NATIVE)).isEqualTo(AVIF);
        assertThat(browser.choose(JPEG, EnumSet.of(JPEG, PNG, WEBP))).isEqualTo(WEBP);
        assertThat(browser.choose(JPEG, PURE_JAVA)).isEqualTo(JPEG);
    }

    @Test
    void aWildcardIsNoPromiseOfAvifOrWebp() {
        assertThat(new FormatPreferences(Map.of(), 1000).choose(JPEG, NATIVE)).isEqualTo(JPEG);
    }

    @Test
    void aHigherWeightWinsAndEqualWeightsGoToTheSmallerFormat() {
        assertThat(new FormatPreferences(Map.of(AVIF, 500, WEBP, 900), 800).choose(JPEG, NATIVE))
                .isEqualTo(WEBP);
        assertThat(new FormatPreferences(Map.of(AVIF, 100, JPEG, 1000), 0).choose(JPEG, NATIVE))
                .isEqualTo(JPEG);
        assertThat(new FormatPreferences(Map.of(AVIF, 100), 0).choose(JPEG, NATIVE))
                .isEqualTo(AVIF);
        assertThat(new FormatPreferences(Map.of(WEBP, 800), 800).choose(PNG, NATIVE))
                .isEqualTo(WEBP);
    }

    @Test
    void aRefusedFormatIsNeverOfferedButTheSourcesFormatIsTheLastResort() {
        assertThat(new FormatPreferences(Map.of(AVIF, 0, WEBP, 0), 1000).choose(JPEG, NATIVE))
                .isEqualTo(JPEG);
        assertThat(new FormatPreferences(Map.of(AVIF, 0, JPEG, 0), 0).choose(JPEG, NATIVE))
                .isEqualTo(JPEG);
    }

    @Test
    void weightsAreBounded() {
        assertThatThrownBy(() -> new FormatPreferences(Map.of(AVIF, 1001), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FormatPreferences(Map.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
