package dev.skyhook.hosts.api.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.skyhook.core.model.FormatPreferences;
import dev.skyhook.core.model.ImageFormat;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Arbitrary {@code Accept} lines: always preferences (never an exception, which would be a 500), and
 * the choice is always a format the codec encodes or the source's own. Saved inputs in
 * {@code AcceptHeaderFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class AcceptHeaderFuzzTest {
    @FuzzTest
    void readsAnyHeaderIntoPreferences(FuzzedDataProvider data) {
        List<String> lines = new ArrayList<>();
        int count = data.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            lines.add(data.consumeString(6000));
        }
        FormatPreferences preferences = AcceptHeader.preferences(lines);

        ImageFormat chosen =
                preferences.choose(ImageFormat.JPEG, EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP));
        assertThat(chosen).isIn(ImageFormat.JPEG, ImageFormat.WEBP);
    }
}
