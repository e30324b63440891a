package dev.skyhook.adapters.local.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.Inspection;
import dev.skyhook.core.testdata.TestImages;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataExtractorImageInspectorTest {
    private final MetadataExtractorImageInspector inspector = new MetadataExtractorImageInspector();

    private Inspection inspect(byte[] bytes) {
        return inspector.inspect(new ByteArrayInputStream(bytes));
    }

    private ImageFacts facts(byte[] bytes) {
        return inspect(bytes)
                .image()
                .orElseThrow(() ->
                        new AssertionError("not recognised: " + inspect(bytes).detected()));
    }

    @Test
    void readsTypeAndSizeOfEachFormat() {
        assertThat(facts(TestImages.jpeg(640, 480))).isEqualTo(new ImageFacts(ImageFormat.JPEG, 640, 480, 1));
        assertThat(facts(TestImages.png(33, 7)))
                .isEqualTo(new ImageFacts(ImageFormat.PNG, 33, 7, 1).withAlpha(true)); // ARGB
        assertThat(facts(TestImages.gif(20, 10))).isEqualTo(new ImageFacts(ImageFormat.GIF, 20, 10, 1));
        assertThat(facts(TestImages.webp(1920, 1080))).isEqualTo(new ImageFacts(ImageFormat.WEBP, 1920, 1080, 1));
        assertThat(facts(TestImages.bmp(5, 6))).isEqualTo(new ImageFacts(ImageFormat.BMP, 5, 6, 1));
    }

    /**
     * Fixtures made with ImageMagick ({@code convert -size 40x20 xc:'rgb(10,200,30)' -compress lzw plain.tiff}) and
     * libvips ({@code vips copy plain.tiff plain.avif}): metadata-extractor alone calls them ARW and MOV.
     */
    @Test
    void tiffAndAvifAreRecognisedAsThemselves() throws java.io.IOException {
        assertThat(facts(resource("/images/plain.tiff"))).isEqualTo(new ImageFacts(ImageFormat.TIFF, 40, 20, 1));
        assertThat(facts(resource("/images/plain.avif"))).isEqualTo(new ImageFacts(ImageFormat.AVIF, 40, 20, 1));
    }

    /**
     * Fixtures: a 40x20 picture, its left half transparent ({@code convert -size 40x20 xc:none -fill
     * 'rgb(200,30,30)' -draw 'rectangle 20,0 39,19' PNG32:transparent.png}), then {@code cwebp -q 80}
     * (an extended WebP with an alpha chunk), {@code cwebp -lossless}, {@code convert ... PNG8:} (a palette
     * with a tRNS chunk), {@code convert ... transparent.gif} and {@code vips copy ... transparent.avif};
     * {@code opaque.webp} is {@code cwebp -q 80} of an opaque PNG (a simple lossy WebP).
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "transparent.png, true",
        "transparent-palette.png, true",
        "transparent.webp, true",
        "transparent-lossless.webp, true",
        "transparent.gif, true",
        "transparent.avif, true",
        "opaque.webp, false",
        "plain.avif, false",
        "plain.tiff, false"
    })
    void readsWhetherTheImageIsTransparent(String name, boolean alpha) throws java.io.IOException {
        assertThat(facts(resource("/images/" + name)).alpha()).isEqualTo(alpha);
        assertThat(inspector
                        .inspectHeader(new ByteArrayInputStream(resource("/images/" + name)))
                        .image()
                        .orElseThrow()
                        .alpha())
                .isEqualTo(alpha);
    }

    @Test
    void opaqueImagesHaveNoAlpha() {
        assertThat(facts(TestImages.jpeg(8, 8)).alpha()).isFalse();
        assertThat(facts(TestImages.webp(8, 8)).alpha()).isFalse();
        assertThat(facts(TestImages.gif(8, 8)).alpha()).isFalse();
    }

    private static byte[] resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = MetadataExtractorImageInspectorTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void readsTheExifOrientation(int orientation) {
        assertThat(facts(TestImages.jpegWithOrientation(40, 30, orientation)).orientation())
                .isEqualTo(orientation);
    }

    @Test
    void readsClaimedSizesFromHeadersWithoutDecoding() {
        assertThat(facts(TestImages.pngClaiming(100_000, 100_000)).pixels()).isEqualTo(10_000_000_000L);
        assertThat(facts(TestImages.pngClaiming(0xFFFFFFFFL, 0xFFFFFFFFL)).width())
                .isEqualTo(0xFFFFFFFFL);
        assertThat(facts(TestImages.jpegClaiming(65_500, 65_500)))
                .isEqualTo(new ImageFacts(ImageFormat.JPEG, 65_500, 65_500, 1, 0));
    }

    @Test
    void namesWhatIsNotAnImage() {
        assertThat(inspect(TestImages.html()).detected()).isEqualTo("HTML");
        assertThat(inspect(TestImages.svgWithScript()).detected()).isEqualTo("SVG");
        assertThat(inspect(TestImages.windowsExecutable()).detected()).isEqualTo("Windows executable");
        assertThat(inspect(TestImages.zip()).detected()).isEqualTo("ZIP");
        assertThat(inspect(new byte[0]).detected()).isEqualTo("empty");
        assertThat(inspect(TestImages.html()).image()).isEmpty();
    }

    @Test
    void damagedImagesAreNotImages() {
        byte[] truncated = Arrays.copyOf(TestImages.png(10, 10), 12);
        assertThat(inspect(truncated).image()).isEmpty();
        assertThat(inspect(Arrays.copyOf(TestImages.jpeg(10, 10), 3)).image()).isEmpty();
    }

    @Test
    void aGifHeaderWithoutAnImageIsNotAnImage() {
        byte[] screenOnly = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0};
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] polyglot = Arrays.copyOf(screenOnly, screenOnly.length + html.length);
        System.arraycopy(html, 0, polyglot, screenOnly.length, html.length);

        assertThat(inspect(polyglot).image()).isEmpty();
        assertThat(inspect(polyglot).detected()).isEqualTo("GIF without an image");
        assertThat(facts(TestImages.gif(3, 2))).isEqualTo(new ImageFacts(ImageFormat.GIF, 3, 2, 1));
    }

    @Test
    void neverThrowsOnRandomBytes() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            if (i % 3 == 0 && bytes.length > 8) {
                System.arraycopy(TestImages.png(2, 2), 0, bytes, 0, 8);
            }
            assertThat(inspect(bytes)).isNotNull();
        }
    }

    @Test
    void readsAnIconsSizeFromItsFirstEntryOnly() {
        byte[] icon = new byte[22 + 40];
        icon[2] = 1; // type: icon
        icon[4] = 2; // two entries
        icon[6] = 48; // first entry: 48 wide
        icon[7] = 0; // 0 stands for 256
        assertThat(facts(icon)).isEqualTo(new ImageFacts(ImageFormat.ICO, 48, 256, 1));
    }

    @Test
    void anIconHeaderAnnouncing65535EntriesIsNotReadEntryByEntry() {
        // Found by fuzzing: metadata-extractor read all 65,535 announced entries of this 22-byte file.
        byte[] icon = new byte[22];
        icon[2] = 1;
        icon[4] = (byte) 0xff;
        icon[5] = (byte) 0xff;
        icon[6] = 16;
        icon[7] = 16;
        assertThat(facts(icon)).isEqualTo(new ImageFacts(ImageFormat.ICO, 16, 16, 1));
        assertThat(inspect(Arrays.copyOf(icon, 6)).image()).isEmpty();
    }

    @Test
    void countsTheScansOfAJpeg() {
        assertThat(facts(TestImages.jpeg(64, 48)).scans()).isEqualTo(1);
        assertThat(facts(TestImages.progressiveJpeg(64, 48)).scans()).isEqualTo(10);
        assertThat(facts(TestImages.jpegWithScans(64, 48, 5000)).scans()).isEqualTo(5000);
        assertThat(facts(TestImages.jpegWithOrientation(64, 48, 6)))
                .isEqualTo(new ImageFacts(ImageFormat.JPEG, 64, 48, 6, 1));
    }

    @Test
    void scansPastTheEndOfTheImageOrInOtherFormatsAreNotCounted() {
        byte[] bomb = TestImages.jpegWithScans(32, 32, 300);
        byte[] trailing =
                java.util.Arrays.copyOf(TestImages.jpeg(32, 32), TestImages.jpeg(32, 32).length + bomb.length);
        System.arraycopy(bomb, 0, trailing, trailing.length - bomb.length, bomb.length);

        assertThat(facts(trailing).scans()).isEqualTo(1);
        assertThat(facts(TestImages.png(8, 8)).scans()).isEqualTo(1);
        assertThat(new MetadataExtractorImageInspector()
                        .inspectHeader(new ByteArrayInputStream(bomb))
                        .image()
                        .orElseThrow()
                        .scans())
                .as("the header alone does not count")
                .isEqualTo(1);
    }

    @Test
    void aTruncatedJpegStillHasItsHeaderFacts() {
        assertThat(facts(TestImages.truncatedJpeg(200, 100)))
                .isEqualTo(new ImageFacts(ImageFormat.JPEG, 200, 100, 1, 1));
    }

    @Test
    void theScanCounterSeesEveryByteWhateverTheReaderAboveSkips() throws Exception {
        byte[] bomb = TestImages.jpegWithScans(16, 16, 40);
        JpegScanCounter counter = new JpegScanCounter(new ByteArrayInputStream(bomb));
        assertThat(counter.read()).isEqualTo(0xFF);
        assertThat(counter.skip(1)).isEqualTo(1);
        byte[] buffer = new byte[7];
        while (counter.read(buffer, 0, buffer.length) >= 0) {
            counter.skip(3);
        }

        assertThat(counter.scans()).isEqualTo(40);
        assertThat(counter.done()).isTrue();
    }
}
