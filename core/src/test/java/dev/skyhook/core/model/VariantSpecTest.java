package dev.skyhook.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariantSpecTest {
    @ParameterizedTest
    @CsvSource({"JPEG,w40-h30-q75.jpg", "WEBP,w40-h30-q75.webp", "AVIF,w40-h30-q75.avif", "PNG,w40-h30.png"})
    void everyLossyFormatKeepsItsQualityAndNamesIt(ImageFormat format, String name) {
        VariantSpec spec = VariantSpec.fit(40, 30, 0, 0, ImageFit.INSIDE, 75, format);

        assertThat(spec.canonical()).isEqualTo(name);
        assertThat(spec.quality()).isEqualTo(format.lossy() ? 75 : 100);
    }
}
