package dev.skyhook.adapters.local.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.testdata.TestImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ImageCodec} does, whatever it is built on: each adapter's test extends this
 * class and adds what is its own.
 */
abstract class ImageCodecContractTest {
    /** The codec under test, with the upload policy's default pixel limit. */
    protected final ImageCodec codec = codec();

    protected abstract ImageCodec codec();

    /** Renders a box request, resolved against the source's upright size as the service does. */
    protected byte[] render(
            byte[] source, int orientation, int w, int h, ImageFit fit, int quality, ImageFormat format) {
        return codec.render(
                source, orientation, spec(source, orientation, w, h, fit, quality, format), Deadline.none());
    }

    protected static VariantSpec spec(
            byte[] source, int orientation, int w, int h, ImageFit fit, int quality, ImageFormat format) {
        ImageFacts facts = new MetadataExtractorImageInspector()
                .inspectHeader(new ByteArrayInputStream(source))
                .image()
                .orElse(new ImageFacts(ImageFormat.JPEG, 100, 100, 1));
        ImageFacts oriented =
                new ImageFacts(facts.format(), Math.max(1, facts.width()), Math.max(1, facts.height()), orientation);
        return VariantSpec.fit(oriented.uprightWidth(), oriented.uprightHeight(), w, h, fit, quality, format);
    }

    protected static BufferedImage decode(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).as("the output decodes").isNotNull();
        return image;
    }

    protected static boolean isBlue(int rgb) {
        Color c = new Color(rgb, true);
        return c.getBlue() > 180 && c.getRed() < 80 && c.getGreen() < 80;
    }

    /**
     * TestImages' picture is orange with a blue block in its top-left corner (half the width, a
     * third of the height). Stored 60x30 with an EXIF orientation, the upright picture has the
     * block where the EXIF specification puts that corner: e.g. 6 (rotate 90 clockwise) moves
     * the stored top-left to the top-right.
     */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
        "1, 60, 30, top-left", "2, 60, 30, top-right", "3, 60, 30, bottom-right", "4, 60, 30, bottom-left",
        "5, 30, 60, top-left", "6, 30, 60, top-right", "7, 30, 60, bottom-right", "8, 30, 60, bottom-left"
    })
    void everyExifOrientationComesOutUpright(int orientation, int width, int height, String blueCorner)
            throws IOException {
        byte[] stored = TestImages.jpegWithOrientation(60, 30, orientation);

        BufferedImage upright = decode(render(stored, orientation, 0, 0, ImageFit.INSIDE, 90, ImageFormat.JPEG));

        assertThat(upright.getWidth()).isEqualTo(width);
        assertThat(upright.getHeight()).isEqualTo(height);
        int left = 2;
        int right = width - 3;
        int top = 2;
        int bottom = height - 3;
        int[][] corners = {{left, top}, {right, top}, {right, bottom}, {left, bottom}};
        String[] names = {"top-left", "top-right", "bottom-right", "bottom-left"};
        for (int i = 0; i < 4; i++) {
            assertThat(isBlue(upright.getRGB(corners[i][0], corners[i][1])))
                    .as("%s is blue in orientation %d", names[i], orientation)
                    .isEqualTo(names[i].equals(blueCorner));
        }
    }

    @ParameterizedTest(name = "{0} {1}x{2} in a {3}x{4} box -> {5}x{6}")
    @CsvSource({
        "INSIDE, 400, 300, 200, 200, 200, 150",
        "CONTAIN, 400, 300, 200, 200, 200, 200",
        "COVER, 400, 300, 200, 200, 200, 200",
        "INSIDE, 400, 300, 100, 0, 100, 75",
        "COVER, 400, 300, 0, 30, 40, 30",
        // Never enlarged: a box larger than the picture shrinks, keeping its shape.
        "INSIDE, 400, 300, 800, 800, 400, 300",
        "CONTAIN, 400, 300, 800, 800, 400, 400",
        "COVER, 400, 300, 800, 800, 300, 300",
        "COVER, 400, 300, 1600, 300, 400, 75",
        "INSIDE, 400, 300, 4000, 0, 400, 300"
    })
    void sizesForEachFit(ImageFit fit, int sourceWidth, int sourceHeight, int w, int h, int width, int height)
            throws IOException {
        BufferedImage out =
                decode(render(TestImages.jpeg(sourceWidth, sourceHeight), 1, w, h, fit, 90, ImageFormat.JPEG));

        assertThat(out.getWidth()).isEqualTo(width);
        assertThat(out.getHeight()).isEqualTo(height);
    }

    @Test
    void containPadsAndCoverCropsAroundTheCentre() throws IOException {
        BufferedImage contained =
                decode(render(TestImages.png(400, 100), 1, 100, 100, ImageFit.CONTAIN, 90, ImageFormat.PNG));
        BufferedImage covered =
                decode(render(TestImages.jpeg(400, 100), 1, 100, 100, ImageFit.COVER, 90, ImageFormat.JPEG));

        assertThat(new Color(contained.getRGB(50, 2), true).getAlpha())
                .as("padding is transparent")
                .isZero();
        assertThat(new Color(contained.getRGB(50, 50), true).getAlpha()).isEqualTo(255);
        // The blue block covers the left half of the source: the centre crop starts at x=150, in orange, and ends in
        // orange.
        assertThat(isBlue(covered.getRGB(5, 5))).isTrue(); // x=155..200 of the source is still blue
        assertThat(isBlue(covered.getRGB(95, 5))).isFalse();
    }

    @Test
    void pngKeepsTransparency() throws IOException {
        BufferedImage source = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = source.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 100); // the right half stays fully transparent
        g.dispose();

        BufferedImage out = decode(render(encode(source, "png"), 1, 100, 0, ImageFit.INSIDE, 90, ImageFormat.PNG));

        assertThat(out.getColorModel().hasAlpha()).isTrue();
        assertThat(new Color(out.getRGB(10, 25), true).getAlpha()).isEqualTo(255);
        assertThat(new Color(out.getRGB(90, 25), true).getAlpha()).isZero();
    }

    @Test
    void transparencyBecomesWhiteInJpeg() throws IOException {
        BufferedImage source = new BufferedImage(20, 20, BufferedImage.TYPE_INT_ARGB);

        BufferedImage out = decode(render(encode(source, "png"), 1, 0, 0, ImageFit.INSIDE, 90, ImageFormat.JPEG));

        assertThat(new Color(out.getRGB(10, 10)).getRed()).isGreaterThan(240);
    }

    @Test
    void downscalingAveragesInsteadOfPickingPixels() throws IOException {
        // One-pixel black and white stripes: nearest-neighbour keeps stripes, a filter gives grey.
        BufferedImage stripes = new BufferedImage(800, 800, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 800; x += 2) {
            for (int y = 0; y < 800; y++) {
                stripes.setRGB(x, y, 0xFFFFFF);
            }
        }

        BufferedImage out = decode(render(encode(stripes, "png"), 1, 100, 0, ImageFit.INSIDE, 90, ImageFormat.PNG));

        for (int x = 10; x < 90; x += 7) {
            int grey = new Color(out.getRGB(x, 50)).getRed();
            assertThat(grey).as("pixel %d", x).isBetween(90, 165);
        }
    }

    @Test
    void aLargePhotoIsReadSubsampledAndStillSharpEnough() throws IOException {
        byte[] photo = TestImages.jpeg(4000, 3000);

        BufferedImage out = decode(render(photo, 1, 400, 0, ImageFit.INSIDE, 90, ImageFormat.JPEG));

        assertThat(out.getWidth()).isEqualTo(400);
        assertThat(out.getHeight()).isEqualTo(300);
        assertThat(isBlue(out.getRGB(100, 50))).isTrue();
        assertThat(isBlue(out.getRGB(300, 50))).isFalse();
    }

    @Test
    void metadataIsStripped() {
        byte[] withExif = TestImages.jpegWithOrientation(40, 20, 6);

        byte[] out = render(withExif, 6, 0, 0, ImageFit.INSIDE, 90, ImageFormat.JPEG);

        assertThat(indexOf(withExif, "Exif")).isPositive();
        assertThat(indexOf(out, "Exif")).isNegative();
        assertThat(new MetadataExtractorImageInspector()
                        .inspect(new ByteArrayInputStream(out))
                        .image()
                        .orElseThrow()
                        .orientation())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 100})
    void qualityChangesTheEncoding(int quality) throws IOException {
        byte[] out = render(TestImages.jpeg(300, 200), 1, 0, 0, ImageFit.INSIDE, quality, ImageFormat.JPEG);

        assertThat(decode(out).getWidth()).isEqualTo(300);
    }

    @Test
    void lowerQualityIsSmaller() {
        byte[] photo = TestImages.noisyJpeg(300, 200);

        assertThat(render(photo, 1, 0, 0, ImageFit.INSIDE, 30, ImageFormat.JPEG).length)
                .isLessThan(render(photo, 1, 0, 0, ImageFit.INSIDE, 95, ImageFormat.JPEG).length);
    }

    /**
     * A CMYK JPEG as print tools write it (Adobe APP14 marker, inverted inks): ImageMagick's
     * {@code convert -size 20x20 xc:'#2020e0' -size 20x20 xc:white +append -colorspace CMYK -quality 95 -strip},
     * checked in because no JDK API writes one. The JDK's reader alone comes out washed out
     * (99,99,241 on the left). Without a profile the inks can be read naively (ImageIO with
     * TwelveMonkeys: back to 32,32,224) or through a press profile (libvips: a duller 67,56,125, what
     * those inks print as): either way the left is clearly blue and the right white.
     */
    @Test
    void aCmykJpegDecodesToItsColours() throws IOException {
        byte[] cmyk;
        try (java.io.InputStream in = getClass().getResourceAsStream("/images/cmyk-adobe.jpg")) {
            cmyk = in.readAllBytes();
        }

        BufferedImage out = decode(render(cmyk, 1, 0, 0, ImageFit.INSIDE, 90, ImageFormat.JPEG));

        Color left = new Color(out.getRGB(5, 10));
        Color right = new Color(out.getRGB(35, 10));
        assertThat(left.getBlue())
                .as("left %s", left)
                .isGreaterThan(left.getRed() * 3 / 2)
                .isGreaterThan(left.getGreen() * 3 / 2);
        assertThat(left.getRed() + left.getGreen()).as("left %s", left).isLessThan(160);
        assertThat(right.getRed() + right.getGreen() + right.getBlue())
                .as("right %s", right)
                .isGreaterThan(700);
    }

    // Bad input

    @Test
    void aTruncatedJpegIsRefused() {
        byte[] whole = TestImages.noisyJpeg(200, 200);
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        assertUndecodable(truncated, 50, 0, ImageFit.INSIDE, ImageFormat.JPEG);
    }

    @Test
    void aPngWithACorruptIdatIsRefused() {
        byte[] png = TestImages.png(64, 64);
        int idat = indexOf(png, "IDAT");
        for (int i = idat + 4 + 2; i < idat + 4 + 40 && i < png.length - 12; i++) {
            png[i] = (byte) 0xA5; // past the zlib header: the deflate stream is garbage now
        }

        assertUndecodable(png, 32, 0, ImageFit.INSIDE, ImageFormat.PNG);
    }

    /**
     * libjpeg calls a marker it does not know "Unsupported marker type": that is damaged data, not a
     * valid file the decoder cannot read. The marker sits between a progressive JPEG's scans, past the
     * header, so only the decode meets it.
     */
    @Test
    void aJpegWithAnUnknownMarkerIsDamagedNotUnsupported() {
        byte[] jpeg = progressiveJpeg(TestImages.noisyJpeg(64, 48));
        int firstScan = indexOf(jpeg, "\u00ff\u00da");
        int secondScan = indexOf(Arrays.copyOfRange(jpeg, firstScan + 2, jpeg.length), "\u00ff\u00da");
        assertThat(secondScan).as("a second scan").isPositive();
        jpeg[firstScan + 2 + secondScan + 1] = 0x02; // FF 02: a reserved marker that no encoder writes

        for (var refusal : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                () -> render(jpeg, 1, 32, 0, ImageFit.INSIDE, 90, ImageFormat.JPEG),
                () -> codec.verify(new ByteArrayInputStream(jpeg), Deadline.none()))) {
            assertThatThrownBy(refusal).isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE);
                assertThat(e.getMessage()).contains("damaged").doesNotContain("not supported");
            });
        }
    }

    /** The picture of {@code jpeg} written again as a progressive JPEG (several scans). */
    private static byte[] progressiveJpeg(byte[] jpeg) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(decode(jpeg), null, null), param);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    @Test
    void notAnImageIsRefused() {
        assertUndecodable(TestImages.html(), 10, 0, ImageFit.INSIDE, ImageFormat.JPEG);
    }

    @Test
    void aOneByOneGifBecomesAOneByOnePng() throws IOException {
        BufferedImage out = decode(render(TestImages.gif(1, 1), 1, 100, 100, ImageFit.COVER, 90, ImageFormat.PNG));

        assertThat(out.getWidth()).isEqualTo(1);
        assertThat(out.getHeight()).isEqualTo(1);
    }

    @Test
    void anAnimatedGifGivesItsFirstFrame() throws IOException {
        byte[] animated = animatedGif(Color.RED, Color.GREEN);

        BufferedImage out = decode(render(animated, 1, 10, 0, ImageFit.INSIDE, 90, ImageFormat.PNG));

        Color pixel = new Color(out.getRGB(5, 5));
        assertThat(pixel.getRed()).isGreaterThan(200);
        assertThat(pixel.getGreen()).isLessThan(50);
    }

    /** Whether the codec decodes a lossless JPEG of this many bits a sample (or refuses it as not supported). */
    protected boolean decodesLosslessJpegOf(int precision) {
        return true;
    }

    /**
     * A lossless JPEG (SOF3) gives its own pixels back, or is refused as not supported: never washed
     * out (a 12-bit grey one used to come out with every mid-tone brightened).
     */
    @ParameterizedTest(name = "{0}, {1} bits")
    @CsvSource({"grey, 8", "rgb, 8", "grey, 12", "grey, 16"})
    void aLosslessJpegGivesItsOwnPixelsOrIsRefusedAsNotSupported(String kind, int precision) throws IOException {
        int[][] levels = new int[24][32];
        int[][] expected = new int[24][32];
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                int v = x * 8; // 0..248 left to right: a washed-out decoding lifts the dark end
                expected[y][x] = kind.equals("grey") ? v * 0x010101 : v << 16 | (255 - v) << 8 | y * 10;
                levels[y][x] = kind.equals("grey") ? v * ((1 << precision) - 1) / 255 : expected[y][x];
            }
        }
        byte[] lossless = kind.equals("grey") ? LosslessJpeg.grey(precision, levels) : LosslessJpeg.rgb(levels);

        if (!decodesLosslessJpegOf(precision)) {
            assertThatThrownBy(() -> render(lossless, 1, 32, 24, ImageFit.INSIDE, 90, ImageFormat.PNG))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE);
                        assertThat(e.getMessage()).contains("not supported", "precision " + precision);
                    });
            return;
        }
        BufferedImage out = decode(render(lossless, 1, 32, 24, ImageFit.INSIDE, 90, ImageFormat.PNG));
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 32; x++) {
                // A grey PNG's samples as stored: getRGB would pass them through Java's linear grey space.
                int rgb = out.getRaster().getNumBands() == 1
                        ? out.getRaster().getSample(x, y, 0) * 0x010101
                        : out.getRGB(x, y) & 0xffffff;
                for (int shift = 0; shift <= 16; shift += 8) {
                    assertThat(rgb >> shift & 0xff)
                            .as("pixel %d,%d: %06x, not %06x", x, y, rgb, expected[y][x])
                            .isCloseTo(expected[y][x] >> shift & 0xff, within(1));
                }
            }
        }
    }

    protected void assertUndecodable(byte[] content, int w, int h, ImageFit fit, ImageFormat format) {
        assertThatThrownBy(() -> render(content, 1, w, h, fit, 90, format))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE));
        assertThatThrownBy(() -> codec.verify(new ByteArrayInputStream(content), Deadline.none()))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE));
    }

    protected static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, out)).isTrue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] animatedGif(Color... frames) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (Color color : frames) {
                BufferedImage frame = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = frame.createGraphics();
                g.setColor(color);
                g.fillRect(0, 0, 20, 20);
                g.dispose();
                IIOMetadata metadata =
                        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", "10");
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                metadata.setFromTree("javax_imageio_gif_image_1.0", root);
                writer.writeToSequence(new IIOImage(frame, null, metadata), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    protected static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aGifFrameLargerThanItsHeaderIsRefused() throws IOException {
        byte[] gif = gifFrameLargerThanItsHeader();
        assertThat(new MetadataExtractorImageInspector()
                        .inspect(new ByteArrayInputStream(gif))
                        .image()
                        .orElseThrow()
                        .pixels())
                .isEqualTo(20);

        assertThatThrownBy(() -> render(gif, 1, 32, 32, ImageFit.COVER, 90, ImageFormat.JPEG))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE));
    }

    /** Found by fuzzing: the header says 5x4 (and passes the pixel limit); the frame says 34181x34181. */
    protected byte[] gifFrameLargerThanItsHeader() throws IOException {
        try (var in = getClass()
                .getResourceAsStream(
                        "ImageIoImageCodecFuzzTestInputs/rendersOrRefusesAsUnsupported/gif-frame-larger-than-its-logical-screen")) {
            return in.readAllBytes();
        }
    }

    // Bounded work

    /** A valid image whose full-size render takes this codec well over 100 ms. */
    protected byte[] slowSource() {
        return TestImages.jpegWithScans(2000, 2000, 100);
    }

    @Test
    void aRenderPastItsDeadlineStopsBetweenRowsWithNoCapacity() {
        byte[] slow = slowSource();
        VariantSpec full = spec(slow, 1, 0, 0, ImageFit.INSIDE, 90, ImageFormat.JPEG);
        Deadline deadline = Deadline.after(java.time.Duration.ofMillis(50));

        assertThatThrownBy(() -> codec.render(slow, 1, full, deadline))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CAPACITY));
    }

    @Test
    void anInterruptedRenderStops() throws Exception {
        byte[] slow = slowSource();
        VariantSpec full = spec(slow, 1, 0, 0, ImageFit.INSIDE, 90, ImageFormat.JPEG);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread render = new Thread(() -> {
            try {
                codec.render(slow, 1, full, Deadline.none());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        render.start();
        Thread.sleep(100);
        render.interrupt();
        render.join(60_000);

        assertThat(failure.get())
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CAPACITY));
    }

    @Test
    void verifyDecodesAGoodImageOfEveryFormatAndAcceptsIt() {
        for (byte[] good : new byte[][] {
            TestImages.jpeg(300, 200),
            TestImages.progressiveJpeg(300, 200),
            TestImages.png(30, 20),
            TestImages.gif(30, 20),
            TestImages.jpegWithOrientation(40, 20, 6)
        }) {
            codec.verify(new ByteArrayInputStream(good), Deadline.none());
        }
    }

    @Test
    void aTruncatedJpegFailsVerification() {
        assertThatThrownBy(() ->
                        codec.verify(new ByteArrayInputStream(TestImages.truncatedJpeg(300, 200)), Deadline.none()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE);
                    assertThat(e.getMessage()).contains("damaged");
                });
    }
}
