package dev.skyhook.hosts.api.images;

import static dev.skyhook.core.model.ImageFormat.AVIF;
import static dev.skyhook.core.model.ImageFormat.GIF;
import static dev.skyhook.core.model.ImageFormat.HEIF;
import static dev.skyhook.core.model.ImageFormat.JPEG;
import static dev.skyhook.core.model.ImageFormat.PNG;
import static dev.skyhook.core.model.ImageFormat.WEBP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.FormatPreferences;
import dev.skyhook.core.model.ImageFormat;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptHeaderTest {
    private static final Set<ImageFormat> NATIVE = EnumSet.of(JPEG, PNG, WEBP, AVIF);
    private static final Set<ImageFormat> PURE_JAVA = EnumSet.of(JPEG, PNG);

    private static FormatPreferences read(String... lines) {
        return AcceptHeader.preferences(List.of(lines));
    }

    private static ImageFormat chosen(String header, ImageFormat source) {
        return read(header).choose(source, NATIVE);
    }

    /** What browsers and tools send for an image (2026), and what each gets of a JPEG with a codec that encodes AVIF and WebP. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Chrome  | image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8 | AVIF",
                "Firefox | image/avif,image/webp,*/* | AVIF",
                "Safari  | image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5 | AVIF",
                "old Safari | image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5 | WEBP",
                "curl    | */* | JPEG",
                "a fetch of JSON | application/json | JPEG"
            })
    void realClients(String client, String header, ImageFormat expected) {
        assertThat(chosen(header, JPEG)).isEqualTo(expected);
    }

    @Test
    void qValuesRankAndRefuse() {
        assertThat(chosen("image/avif;q=0.5, image/webp;q=0.9, image/*;q=0.8", JPEG))
                .isEqualTo(WEBP);
        assertThat(chosen("image/avif;q=0.1, image/jpeg", JPEG)).isEqualTo(JPEG);
        assertThat(chosen("image/avif;q=0, image/webp", JPEG)).isEqualTo(WEBP);
        assertThat(chosen("image/avif;q=0, image/webp;q=0, */*", JPEG)).isEqualTo(JPEG);
        assertThat(chosen("image/avif;q=0.001", JPEG)).isEqualTo(AVIF); // the source gets nothing from this header
    }

    @Test
    void theMostSpecificRangeDecidesAWeight() {
        FormatPreferences preferences = read("*/*;q=0.9, image/*;q=0.3, image/png;q=0.7, image/png;q=0.2");

        assertThat(preferences.weight(PNG)).isEqualTo(700); // named twice: the higher weight
        assertThat(preferences.weight(GIF)).isEqualTo(300); // image/* over */*
        assertThat(read("*/*;q=0.9").weight(GIF)).isEqualTo(900);
        assertThat(read("text/html").weight(GIF)).isZero();
    }

    @Test
    void typesParametersAndWhitespaceAreReadAsHttpWritesThem() {
        FormatPreferences preferences =
                read("IMAGE/AVIF ; Q=0.75 ; level=1", "image/webp;charset=x;q=1.000", "image/heic");

        assertThat(preferences.named()).isEqualTo(Map.of(AVIF, 750, WEBP, 1000, HEIF, 1000));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "image/avif;q=2",
                "image/avif;q=-1",
                "image/avif;q=0.0001",
                "image/avif;q=abc",
                "image/avif;q=\"1\"",
                "image/avif;q=1.5",
                "image/avif;q=",
                "avif",
                "image avif",
                "image/avif/x",
                "image/av if",
                "image/ävif",
                "/avif",
                "image/"
            })
    void aMalformedRangeIsSkipped(String range) {
        assertThat(read(range + ", image/webp").named()).isEqualTo(Map.of(WEBP, 1000));
    }

    @Test
    void noHeaderOrAnEmptyOneStatesNoPreference() {
        assertThat(AcceptHeader.preferences(List.of())).isEqualTo(FormatPreferences.none());
        assertThat(read("").choose(JPEG, NATIVE)).isEqualTo(JPEG);
        assertThat(read(",,, ,").choose(PNG, NATIVE)).isEqualTo(PNG);
        assertThat(read(",,,,;;;;,,,,", ";", ";q=1").choose(PNG, NATIVE)).isEqualTo(PNG);
    }

    @Test
    void anAbsurdHeaderIsIgnoredNotParsed() {
        String many = "image/x-a;q=0.1,".repeat(AcceptHeader.MAX_RANGES) + "image/avif";
        String longOne = "image/avif;" + "a=b;".repeat(2000);
        String longOverLines = "image/x-" + "a".repeat(3000);

        assertThat(read(many)).isEqualTo(FormatPreferences.none());
        assertThat(read(longOne)).isEqualTo(FormatPreferences.none());
        assertThat(read(longOverLines, longOverLines, "image/avif")).isEqualTo(FormatPreferences.none());
        assertThat(read("image/x-a;q=0.1,".repeat(AcceptHeader.MAX_RANGES - 1) + "image/avif")
                        .named())
                .containsKey(AVIF);
    }

    @Test
    void withTheImageIoCodecEveryoneGetsTheSourcesFormat() {
        assertThat(read("image/avif,image/webp,*/*").choose(JPEG, PURE_JAVA)).isEqualTo(JPEG);
        assertThat(read("image/avif,image/webp,*/*").choose(PNG, PURE_JAVA)).isEqualTo(PNG);
    }
}
