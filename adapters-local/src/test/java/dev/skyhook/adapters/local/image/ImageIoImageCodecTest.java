package dev.skyhook.adapters.local.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.testdata.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The codec contract on ImageIO, and what is ImageIO's own. */
class ImageIoImageCodecTest extends ImageCodecContractTest {
    @Override
    protected ImageCodec codec() {
        return new ImageIoImageCodec();
    }

    @Test
    void aGifFrameLargerThanItsHeaderIsRefusedBeforeDecoding() throws IOException {
        byte[] gif = gifFrameLargerThanItsHeader();

        assertThatThrownBy(() -> render(gif, 1, 32, 32, ImageFit.COVER, 90, ImageFormat.JPEG))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.getMessage()).contains("34181x34181"));
    }

    @Test
    void theWorstCaseHeapIsTheSourceAndTwoPicturesOfFourBytesAPixel() {
        long pixels = 50_000_000L;
        long source = 100L * 1024 * 1024;

        assertThat(codec().worstCaseHeapBytes(pixels, source))
                .isEqualTo(source + 8 * pixels + pixels / 4 + 16L * 1024 * 1024);
    }

    @Test
    void aTurnedFullSizePictureKeepsItsKindAndEveryPixel() throws IOException {
        BufferedImage source = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
        int[] colours = {0x112233, 0x445566, 0x778899, 0xAABBCC, 0xDDEEFF, 0x102030};
        for (int i = 0; i < 6; i++) {
            source.setRGB(i % 3, i / 3, colours[i]);
        }

        BufferedImage turned = ImageIoImageCodec.orient(source, 6);

        assertThat(turned.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(turned.getWidth()).isEqualTo(2);
        assertThat(turned.getHeight()).isEqualTo(3);
        // Orientation 6: the stored left column becomes the top row, read right to left.
        assertThat(turned.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x112233);
        assertThat(turned.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xAABBCC);
        assertThat(turned.getRGB(0, 2) & 0xFFFFFF).isEqualTo(0x102030);
    }

    @Test
    void encodesJpegAndPngOnlyAndRefusesToBeAskedForMore() {
        ImageCodec codec = codec();
        assertThat(codec.outputFormats()).containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.PNG);
        VariantSpec webp = VariantSpec.fit(8, 8, 0, 0, ImageFit.INSIDE, 75, ImageFormat.WEBP);

        assertThatThrownBy(() -> codec.render(TestImages.jpeg(8, 8), 1, webp, Deadline.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WEBP");
    }
}
