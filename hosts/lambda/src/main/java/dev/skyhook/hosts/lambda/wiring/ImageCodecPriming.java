package dev.skyhook.hosts.lambda.wiring;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * SnapStart priming of the image codecs, apart from {@link SnapStartHooks} so that loading the hooks
 * (every function does, at init) does not load AWT's classes where no image is ever handled.
 */
final class ImageCodecPriming {
    private ImageCodecPriming() {}

    /** ImageIO finds its readers and writers (TwelveMonkeys' among them) on first use: a PNG and a JPEG round trip do it. */
    static void loadCodecs() {
        BufferedImage pixel = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        try {
            for (String format : List.of("png", "jpeg")) {
                ByteArrayOutputStream encoded = new ByteArrayOutputStream();
                ImageIO.write(pixel, format, encoded);
                ImageIO.read(new ByteArrayInputStream(encoded.toByteArray()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
