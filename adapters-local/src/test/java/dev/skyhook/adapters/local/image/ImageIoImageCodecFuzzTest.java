package dev.skyhook.adapters.local.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.Inspection;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.policy.UploadPolicy;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import javax.imageio.ImageIO;

/**
 * Arbitrary bytes through the variant pipeline as the service runs it: the header is inspected and
 * checked against a pixel limit first (so a small file claiming a huge canvas is refused before any
 * decode), then the codec decodes, resizes and encodes. The codec answers with a variant inside the
 * requested box or a {@code UNSUPPORTED_TYPE} {@link DomainException}; never another exception, an
 * out-of-memory (the fuzzing JVM has a 1 GB heap) or a hang.
 * Saved inputs in {@code ImageIoImageCodecFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class ImageIoImageCodecFuzzTest {
    /** Small enough that every accepted decode is quick; the production limit is larger. */
    private static final long MAX_PIXELS = 1_000_000;

    private static final int BOX = 32;
    private static final MetadataExtractorImageInspector INSPECTOR = new MetadataExtractorImageInspector();
    private static final ImageIoImageCodec CODEC = new ImageIoImageCodec(MAX_PIXELS);

    @FuzzTest
    void rendersOrRefusesAsUnsupported(byte[] source) throws IOException {
        rendersOrRefuses(CODEC, source);
    }

    /** The property, for any codec: a variant inside the box, or a typed refusal. */
    static void rendersOrRefuses(dev.skyhook.core.port.out.ImageCodec codec, byte[] source) throws IOException {
        Inspection inspection = INSPECTOR.inspect(new ByteArrayInputStream(source));
        if (inspection.image().isEmpty()) {
            return;
        }
        ImageFacts facts = inspection.image().get();
        if (!UploadPolicy.DEFAULT_FORMATS.contains(facts.format())
                || facts.width() == 0
                || facts.height() == 0
                || facts.pixels() > MAX_PIXELS
                || facts.scans() > UploadPolicy.DEFAULT_MAX_SCANS) {
            return; // the service refuses these before the codec sees them
        }
        // The spec varies with the input so that every fit and both encoders are reached.
        ImageFit fit = ImageFit.values()[Math.floorMod(source.length, ImageFit.values().length)];
        ImageFormat format = source.length % 2 == 0 ? ImageFormat.JPEG : ImageFormat.PNG;
        VariantSpec spec = VariantSpec.fit(facts.uprightWidth(), facts.uprightHeight(), BOX, BOX, fit, 80, format);

        byte[] variant;
        try {
            variant = codec.render(source, facts.orientation(), spec, Deadline.after(Duration.ofSeconds(10)));
        } catch (DomainException e) {
            // Damaged, or (16-bit rasters) too many bytes decoded.
            assertThat(e.code()).isIn(ErrorCode.UNSUPPORTED_TYPE, ErrorCode.TOO_LARGE);
            return;
        }
        BufferedImage rendered = ImageIO.read(new ByteArrayInputStream(variant));
        assertThat(rendered).as("the variant decodes").isNotNull();
        assertThat(rendered.getWidth()).isBetween(1, BOX);
        assertThat(rendered.getHeight()).isBetween(1, BOX);
    }
}
