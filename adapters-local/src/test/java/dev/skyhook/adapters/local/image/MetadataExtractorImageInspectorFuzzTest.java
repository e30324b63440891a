package dev.skyhook.adapters.local.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.Inspection;
import java.io.ByteArrayInputStream;

/**
 * Arbitrary bytes into the image inspector: always an {@link Inspection} (an image with sane facts,
 * or "not an image" with a description), never an exception, an out-of-memory or a hang.
 * Saved inputs in {@code MetadataExtractorImageInspectorFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class MetadataExtractorImageInspectorFuzzTest {
    private static final MetadataExtractorImageInspector INSPECTOR = new MetadataExtractorImageInspector();

    @FuzzTest
    void inspectsAnyBytes(byte[] content) {
        Inspection inspection = INSPECTOR.inspect(new ByteArrayInputStream(content));

        assertThat(inspection.detected()).isNotNull();
        if (inspection.image().isPresent()) {
            ImageFacts facts = inspection.image().get();
            assertThat(facts.format()).isNotNull();
            assertThat(facts.width()).isBetween(0L, 0xFFFF_FFFFL);
            assertThat(facts.height()).isBetween(0L, 0xFFFF_FFFFL);
            assertThat(facts.orientation()).isBetween(1, 8);
            assertThat(facts.scans()).isNotNegative();
        }
    }
}
