package dev.skyhook.adapters.local.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.testdata.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The codec contract on libvips, and what is libvips' own: the correctness defects of the ImageIO
 * codec, each on a fixture made with Debian's tools (ImageMagick's {@code convert}, {@code cwebp} and
 * {@code webpmux}, {@code vips}; the commands are beside each test), and the native memory bound.
 */
class LibvipsImageCodecTest extends ImageCodecContractTest {
    /** The library the build fetched into target/native, found as the hosts find theirs. */
    static ImageCodec libvips() {
        return ImageCodecs.load(
                new ImageCodecs.Settings(ImageCodecs.Kind.LIBVIPS, Optional.empty(), 0),
                UploadPolicy.DEFAULT_MAX_PIXELS);
    }

    @Override
    protected ImageCodec codec() {
        return libvips();
    }

    /** The decoders' words for a valid file they cannot read are "not supported"; the rest is damage. */
    @Test
    void libvipsErrorsAreSortedIntoNotSupportedAndDamaged() {
        for (String notSupported : new String[] {
            "VipsJpeg: Unsupported JPEG data precision 12",
            "VipsJpeg: Unsupported JPEG process: SOF type 0xc3",
            "VipsForeignLoad: buffer is not in a known format",
            "VipsForeignLoad: \"x.jxl\" is not a known file format",
            "heifload: Unsupported feature: Unsupported codec",
            "heifload: Unsupported bit depth",
            "webpload: VP8_STATUS_UNSUPPORTED_FEATURE"
        }) {
            assertThat(LibvipsImageCodec.reason(notSupported)).isEqualTo("not supported: " + notSupported);
        }
        for (String damaged : new String[] {
            "VipsJpeg: Unsupported marker type 0x02",
            "VipsJpeg: Premature end of input file",
            "VipsJpeg: Corrupt JPEG data: bad Huffman code",
            "pngload: IDAT: invalid distance too far back",
            ""
        }) {
            assertThat(LibvipsImageCodec.reason(damaged)).startsWith("damaged: ");
        }
    }

    /** q is on JPEG's scale: WebP and AVIF get the encoder quality that matched a JPEG's SSIM on photos. */
    @Test
    void webpAndAvifQualitiesAreOnJpegsScale() {
        assertThat(LibvipsImageCodec.encoderQuality(ImageFormat.JPEG, 90)).isEqualTo(90);
        assertThat(LibvipsImageCodec.encoderQuality(ImageFormat.WEBP, 90)).isEqualTo(87);
        assertThat(LibvipsImageCodec.encoderQuality(ImageFormat.AVIF, 90)).isEqualTo(75);
        assertThat(LibvipsImageCodec.encoderQuality(ImageFormat.AVIF, 75)).isEqualTo(53);
        assertThat(LibvipsImageCodec.encoderQuality(ImageFormat.AVIF, 80)).isEqualTo(60);
        for (ImageFormat format : new ImageFormat[] {ImageFormat.WEBP, ImageFormat.AVIF}) {
            assertThat(LibvipsImageCodec.encoderQuality(format, 1)).isEqualTo(1);
            assertThat(LibvipsImageCodec.encoderQuality(format, 100)).isEqualTo(100);
            for (int q = 2; q <= 100; q++) {
                assertThat(LibvipsImageCodec.encoderQuality(format, q))
                        .as("%s q%d", format, q)
                        .isGreaterThanOrEqualTo(LibvipsImageCodec.encoderQuality(format, q - 1));
            }
        }
    }

    /** AV1 cannot be stopped once encoding: its effort falls stepwise with the variant's pixels. */
    @Test
    void avifEffortFallsWithThePixels() {
        assertThat(LibvipsImageCodec.avifEffort(400L * 300)).isEqualTo(4);
        assertThat(LibvipsImageCodec.avifEffort(640L * 468)).isEqualTo(4);
        assertThat(LibvipsImageCodec.avifEffort(640L * 480)).isEqualTo(3);
        assertThat(LibvipsImageCodec.avifEffort(1920L * 1080)).isEqualTo(3);
        assertThat(LibvipsImageCodec.avifEffort(2048L * 1536)).isEqualTo(1);
        assertThat(LibvipsImageCodec.avifEffort(4096L * 4096)).isEqualTo(1);
    }

    /**
     * No AVIF above the largest box a request can name, no GIF above 800 x 800 (their encoders do not
     * stop at the deadline); the other formats have no cap of their own.
     */
    @Test
    void avifIsEncodedUpTo4096By4096PixelsAndRefusedAboveBeforeAnyDecode() {
        ImageCodec codec = libvips();
        assertThat(codec.maxOutputPixels(ImageFormat.AVIF)).isEqualTo(4096L * 4096);
        assertThat(codec.maxOutputPixels(ImageFormat.GIF)).isEqualTo(800L * 800);
        for (ImageFormat format : new ImageFormat[] {ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP}) {
            assertThat(codec.maxOutputPixels(format)).isEqualTo(Long.MAX_VALUE);
        }
        byte[] pixel = TestImages.png(1, 1);
        // Without the cap this would encode a 16.8-megapixel AVIF: seconds of CPU nothing can stop.
        assertThatThrownBy(() -> codec.render(
                        pixel, 1, new VariantSpec(4097, 4096, 4097, 4096, 90, ImageFormat.AVIF), Deadline.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AVIF up to 16777216 pixels");
        assertThatThrownBy(() -> codec.render(
                        pixel, 1, new VariantSpec(801, 800, 801, 800, 90, ImageFormat.GIF), Deadline.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GIF up to 640000 pixels");
        assertThat(codec.render(pixel, 1, new VariantSpec(1, 1, 1, 1, 90, ImageFormat.AVIF), Deadline.none()))
                .isNotEmpty();
    }

    /** sharp's libjpeg decodes lossless JPEG of 8 bits a sample only. */
    @Override
    protected boolean decodesLosslessJpegOf(int precision) {
        return precision == 8;
    }

    /**
     * libvips refuses the 100-scan JPEG that is slow for ImageIO (its progression is bogus, a decoder
     * error under {@code fail_on=error}), so a large noisy photo it has to decode whole.
     */
    @Override
    protected byte[] slowSource() {
        return TestImages.noisyJpeg(4000, 3000);
    }

    @Test
    void aJpegWithABogusProgressionIsRefusedAsDamaged() {
        assertThatThrownBy(() -> fullSize(TestImages.jpegWithScans(200, 200, 100), ImageFormat.JPEG))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.getMessage()).contains("damaged"));
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = LibvipsImageCodecTest.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        }
    }

    /** The variant at the source's own size, as the service asks for it from the inspected header. */
    private byte[] fullSize(byte[] source, ImageFormat format) {
        ImageFacts facts = new MetadataExtractorImageInspector()
                .inspect(new ByteArrayInputStream(source))
                .image()
                .orElseThrow();
        VariantSpec spec =
                VariantSpec.fit(facts.uprightWidth(), facts.uprightHeight(), 0, 0, ImageFit.INSIDE, 90, format);
        return codec.render(source, facts.orientation(), spec, Deadline.none());
    }

    @Test
    void encodesEveryFormatItNames() throws IOException {
        assertThat(codec.outputFormats())
                .containsExactlyInAnyOrder(
                        ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.AVIF, ImageFormat.GIF);
        byte[] photo = TestImages.noisyJpeg(120, 80);
        for (ImageFormat format : codec.outputFormats()) {
            byte[] out = fullSize(photo, format);
            ImageFacts facts = new MetadataExtractorImageInspector()
                    .inspect(new ByteArrayInputStream(out))
                    .image()
                    .orElseThrow();
            assertThat(facts).as("%s", format).isEqualTo(new ImageFacts(format, 120, 80, 1));
        }
    }

    /** {@code convert -size 20x10 xc:blue -repage 40x30+10+10 gif-frame-smaller-than-canvas.gif} */
    @Test
    void aGifWhoseFrameIsSmallerThanItsCanvasComesOutAtTheCanvasSize() throws IOException {
        BufferedImage out = decode(fullSize(fixture("gif-frame-smaller-than-canvas.gif"), ImageFormat.PNG));

        assertThat(out.getWidth()).isEqualTo(40);
        assertThat(out.getHeight()).isEqualTo(30);
        assertThat(isBlue(out.getRGB(20, 15))).as("the frame, in place").isTrue();
        assertThat(isBlue(out.getRGB(2, 2))).as("the canvas around it").isFalse();
    }

    /**
     * Two frames, the first 20x10 at (10,10) of a 40x30 canvas: {@code cwebp -lossless} of a blue and a
     * red picture, then {@code webpmux -frame blue.webp +100+10+10+0-b -frame red.webp +100+0+0 -bgcolor 0,0,0,0}.
     */
    @Test
    void aWebpWhoseFirstFrameIsSmallerThanItsCanvasComesOutOnTheCanvas() throws IOException {
        BufferedImage out = decode(fullSize(fixture("webp-frame-smaller-than-canvas.webp"), ImageFormat.PNG));

        assertThat(out.getWidth()).isEqualTo(40);
        assertThat(out.getHeight()).isEqualTo(30);
        assertThat(isBlue(out.getRGB(20, 15))).as("the first frame, in place").isTrue();
        assertThat(new Color(out.getRGB(2, 2), true).getAlpha())
                .as("the transparent canvas around it")
                .isZero();
    }

    /** {@code convert -size 20x20 xc:'graya(50%,0.5)' -define png:color-type=4 grey-alpha.png}: 128 stays 128. */
    @Test
    void aGreyAndAlphaPngKeepsItsGrey() throws IOException {
        Raster out =
                decode(fullSize(fixture("grey-alpha.png"), ImageFormat.PNG)).getRaster();

        int[] pixel = out.getPixel(10, 10, (int[]) null);
        assertThat(pixel[0]).as("grey, as stored").isBetween(126, 130);
        assertThat(pixel[pixel.length - 1]).as("alpha").isBetween(126, 130);
    }

    /**
     * A PNG of rgb(128,64,32) with the JDK's linear-light RGB profile embedded
     * ({@code convert -size 40x20 xc:'rgb(128,64,32)' -define png:color-type=2 -profile linear.icc}):
     * in sRGB that colour is about (188,137,99); ignoring the profile would leave 128,64,32.
     */
    @Test
    void anIccProfileInAPngIsAppliedAndNotCarriedOver() throws IOException {
        byte[] out = fullSize(fixture("png-linear-rgb-profile.png"), ImageFormat.PNG);

        Color pixel = new Color(decode(out).getRGB(10, 10));
        assertThat(pixel.getRed()).as("%s", pixel).isBetween(182, 194);
        assertThat(pixel.getGreen()).as("%s", pixel).isBetween(131, 143);
        assertThat(pixel.getBlue()).as("%s", pixel).isBetween(93, 105);
        assertThat(indexOf(out, "iCCP"))
                .as("no profile in the variant: it is sRGB")
                .isNegative();
    }

    /** {@code convert -size 40x20 xc:'rgb(10,200,30)' -compress lzw plain.tiff} (16 bits a sample) and {@code vips copy plain.tiff plain.avif}. */
    @Test
    void tiffAndAvifSourcesRender() throws IOException {
        for (String name : new String[] {"plain.tiff", "plain.avif"}) {
            Color pixel =
                    new Color(decode(fullSize(fixture(name), ImageFormat.JPEG)).getRGB(20, 10));
            assertThat(pixel.getGreen()).as("%s %s", name, pixel).isGreaterThan(180);
            assertThat(pixel.getRed() + pixel.getBlue())
                    .as("%s %s", name, pixel)
                    .isLessThan(90);
        }
    }

    /** {@code convert -size 40x20 gradient:'rgb(0,0,65535)-rgb(65535,65535,0)' -depth 16 sixteen-bit.png} */
    @Test
    void aSixteenBitPngComesOutInEightBits() throws IOException {
        BufferedImage out = decode(fullSize(fixture("sixteen-bit.png"), ImageFormat.PNG));

        assertThat(out.getColorModel().getComponentSize(0)).isEqualTo(8);
        assertThat(isBlue(out.getRGB(20, 0))).isTrue();
    }

    /** Optimised Huffman tables carry only the codes the picture uses; the standard ones (JPEG Annex K) carry them all. */
    @Test
    void jpegHuffmanTablesAreOptimised() {
        byte[] out = fullSize(TestImages.jpeg(64, 64), ImageFormat.JPEG);

        int dht = indexOf(out, "\u00ff\u00c4");
        assertThat(dht).isPositive();
        // The standard luminance DC table: 0 codes of 1 bit, 1 of 2 bits, 5 of 3 bits, then one each up to 9 bits.
        byte[] standardDcCounts = {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
        byte[] counts = java.util.Arrays.copyOfRange(out, dht + 5, dht + 21);
        assertThat(counts).isNotEqualTo(standardDcCounts);
    }

    @Test
    void contentOfAnotherDecoderIsRefusedBeforeDecoding() {
        assertThatThrownBy(() -> codec.render(
                        TestImages.svgWithScript(),
                        1,
                        new VariantSpec(10, 10, 10, 10, 90, ImageFormat.PNG),
                        Deadline.none()))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE));
    }

    @Test
    void aFormatItDoesNotEncodeIsAProgrammingError() {
        assertThatThrownBy(() -> codec.render(
                        TestImages.jpeg(10, 10),
                        1,
                        new VariantSpec(10, 10, 10, 10, 90, ImageFormat.BMP),
                        Deadline.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Every image, pixel buffer and output buffer is given back: after 10,000 renders libvips holds no
     * more tracked allocations than its per-thread buffers account for, and the process has no more memory from malloc in
     * use (glibc's count, which libvips' and its decoders' allocations go through; the resident set
     * would also count the Java heap growing). A leak of the smallest thing a render allocates, its
     * output buffer, would be over 4 MB.
     */
    @Test
    void nativeMemoryIsGivenBackAcrossTenThousandRenders() throws Throwable {
        LibvipsImageCodec libvips = (LibvipsImageCodec) codec;
        byte[] source = TestImages.png(64, 48);
        VariantSpec spec = new VariantSpec(32, 32, 43, 32, 80, ImageFormat.JPEG);
        for (int i = 0; i < 1_000; i++) {
            libvips.render(source, 1, spec, Deadline.none());
        }
        int allocationsBefore = libvips.trackedAllocations();
        long mallocBefore = mallocInUse();

        for (int i = 0; i < 10_000; i++) {
            libvips.render(source, 1, spec, Deadline.none());
        }

        // Per-thread buffers come and go with libvips' workers: a few dozen either way, where a leak would be 10,000.
        assertThat(libvips.trackedAllocations()).isLessThan(allocationsBefore + 100);
        assertThat(mallocInUse() - mallocBefore)
                .as("growth of malloc's bytes in use")
                .isLessThan(4L * 1024 * 1024);
    }

    /** glibc's {@code mallinfo2()}: bytes in use from the heap arenas ({@code uordblks}) and from mmap ({@code hblkhd}). */
    private static long mallocInUse() throws Throwable {
        java.lang.foreign.Linker linker = java.lang.foreign.Linker.nativeLinker();
        java.lang.foreign.MemoryLayout[] fields = new java.lang.foreign.MemoryLayout[10];
        java.util.Arrays.fill(fields, java.lang.foreign.ValueLayout.JAVA_LONG);
        java.lang.invoke.MethodHandle mallinfo2 = linker.downcallHandle(
                linker.defaultLookup().find("mallinfo2").orElseThrow(),
                java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.MemoryLayout.structLayout(fields)));
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment info = (java.lang.foreign.MemorySegment) mallinfo2.invoke(arena);
            return info.getAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG, 7)
                    + info.getAtIndex(java.lang.foreign.ValueLayout.JAVA_LONG, 4);
        }
    }
}
