package dev.skyhook.adapters.local.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.fake.InMemoryBlobStore;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.FormatPreferences;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantFormat;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.policy.RenderLimits;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.in.GetImageVariantCommand;
import dev.skyhook.core.port.in.GetImageVariantUseCase.ImageVariant;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.service.ImageVariantService;
import dev.skyhook.core.service.RenderBudget;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The default variant format of a source under the ImageIO codec (which encodes JPEG and PNG only):
 * a transparent source keeps its transparency in a PNG, an opaque lossy one becomes a JPEG; and under
 * libvips, which encodes WebP, a transparent WebP stays one. The
 * fixtures are 40x20, the left half transparent and the right half red (see the inspector's test).
 */
class TransparentSourceDefaultFormatTest {
    private final InMemoryBlobStore store = new InMemoryBlobStore("https://cdn.example");
    private final RenderBudget budget =
            new RenderBudget(new RenderLimits(1, Duration.ofSeconds(5), Duration.ofSeconds(30)));
    private final ImageVariantService service = service(new ImageIoImageCodec());

    private ImageVariantService service(ImageCodec codec) {
        return new ImageVariantService(
                UploadPolicy.defaults(AllowedPaths.defaults()),
                new ImageVariantPolicy(10_000_000),
                new MetadataExtractorImageInspector(),
                codec,
                store,
                budget);
    }

    @AfterEach
    void closeBudget() {
        budget.close();
    }

    @ParameterizedTest
    @CsvSource({"transparent.webp", "transparent-lossless.webp", "transparent.png", "transparent-palette.png"})
    void aTransparentSourceGetsAPngWithItsAlphaByDefault(String name) throws IOException {
        for (VariantFormat format : new VariantFormat[] {
            VariantFormat.sourceFormat(),
            // What a browser sends: WebP and AVIF named, which ImageIO cannot encode, then anything.
            VariantFormat.bestFor(new FormatPreferences(Map.of(ImageFormat.AVIF, 1000, ImageFormat.WEBP, 1000), 800))
        }) {
            ImageVariant variant = service.variant(command(stored(name), format));

            assertThat(variant.contentType()).as("%s", format).isEqualTo("image/png");
            assertHalfTransparent(decode(variant));
        }
    }

    @ParameterizedTest
    @CsvSource({"transparent.webp", "transparent-lossless.webp"})
    void libvipsKeepsATransparentWebpAWebpWithItsAlpha(String name) throws IOException {
        ImageVariant variant =
                service(LibvipsImageCodecTest.libvips()).variant(command(stored(name), VariantFormat.sourceFormat()));

        assertThat(variant.contentType()).isEqualTo("image/webp");
        assertHalfTransparent(decode(variant));
    }

    private static void assertHalfTransparent(BufferedImage picture) {
        assertThat(picture.getColorModel().hasAlpha()).isTrue();
        assertThat(picture.getRGB(2, 10) >>> 24).as("left half: transparent").isZero();
        assertThat(picture.getRGB(37, 10) >>> 24).as("right half: opaque").isEqualTo(0xFF);
        assertThat(picture.getRGB(37, 10) >> 16 & 0xFF).as("right half: red").isGreaterThan(150);
    }

    @ParameterizedTest
    @CsvSource({"opaque.webp"})
    void anOpaqueLossySourceStillGetsAJpegByDefault(String name) throws IOException {
        ImageVariant variant = service.variant(command(stored(name), VariantFormat.sourceFormat()));

        assertThat(variant.contentType()).isEqualTo("image/jpeg");
        assertThat(decode(variant).getColorModel().hasAlpha()).isFalse();
    }

    private BlobKey stored(String name) throws IOException {
        BlobKey key = new BlobKey("post/" + name);
        try (InputStream in = getClass().getResourceAsStream("/images/" + name)) {
            store.put(key, in.readAllBytes(), "application/octet-stream");
        }
        return key;
    }

    private static GetImageVariantCommand command(BlobKey key, VariantFormat format) {
        return new GetImageVariantCommand(key, 0, 0, ImageFit.INSIDE, ImageVariantPolicy.DEFAULT_QUALITY, format);
    }

    private static BufferedImage decode(ImageVariant variant) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(variant.body().orElseThrow()));
    }
}
