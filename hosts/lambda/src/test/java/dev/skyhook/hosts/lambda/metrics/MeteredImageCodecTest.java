package dev.skyhook.hosts.lambda.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.port.out.ImageCodec;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeteredImageCodecTest {
    /** Encodes JPEG and AVIF, AVIF up to 100 pixels: what the metered codec must pass on. */
    private static final ImageCodec CAPPED = new ImageCodec() {
        @Override
        public byte[] render(byte[] source, int orientation, VariantSpec spec, Deadline deadline) {
            return new byte[] {1};
        }

        @Override
        public Set<ImageFormat> outputFormats() {
            return EnumSet.of(ImageFormat.JPEG, ImageFormat.AVIF);
        }

        @Override
        public long maxOutputPixels(ImageFormat format) {
            return format == ImageFormat.AVIF ? 100 : Long.MAX_VALUE;
        }

        @Override
        public void verify(InputStream source, Deadline deadline) {}

        @Override
        public long worstCaseHeapBytes(long pixels, long sourceBytes) {
            return 7;
        }
    };

    @Test
    void theMeteredCodecPassesOnTheWrappedCodecsFormatsCapsAndBounds() {
        List<String> lines = new ArrayList<>();
        ImageCodec metered = new MeteredImageCodec(CAPPED, new EmfMetrics(lines::add, Clock.systemUTC()));

        assertThat(metered.outputFormats()).containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.AVIF);
        assertThat(metered.maxOutputPixels(ImageFormat.AVIF)).isEqualTo(100);
        assertThat(metered.maxOutputPixels(ImageFormat.JPEG)).isEqualTo(Long.MAX_VALUE);
        assertThat(metered.worstCaseHeapBytes(1, 1)).isEqualTo(7);
    }
}
