package dev.skyhook.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.fake.FakeImageCodec;
import dev.skyhook.core.fake.FakeImageInspector;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageVariantServiceTest {
    private static final long LAMBDA_INLINE_BYTES = 4_700_000;
    private final InMemoryBlobStore store = new InMemoryBlobStore("https://cdn.example");
    private final FakeImageCodec codec = new FakeImageCodec();
    private final RenderBudget budget =
            new RenderBudget(new RenderLimits(2, Duration.ofMillis(200), Duration.ofSeconds(5)));
    private ImageVariantService service = service(new ImageVariantPolicy(LAMBDA_INLINE_BYTES));

    @AfterEach
    void closeBudget() {
        budget.close();
    }

    private ImageVariantService service(ImageVariantPolicy policy) {
        return service(policy, codec);
    }

    private ImageVariantService service(ImageVariantPolicy policy, FakeImageCodec imageCodec) {
        return new ImageVariantService(
                UploadPolicy.defaults(AllowedPaths.defaults())
                        .withFormats(EnumSet.of(
                                ImageFormat.JPEG,
                                ImageFormat.PNG,
                                ImageFormat.GIF,
                                ImageFormat.WEBP,
                                ImageFormat.AVIF)),
                policy,
                new FakeImageInspector(),
                imageCodec,
                store,
                budget);
    }

    private void stored(String key, byte[] content, ImageFormat format) {
        store.put(new BlobKey(key), content, format.mediaType());
    }

    /** The command for a request's values (null when absent), as the HTTP adapter reads them. */
    private static GetImageVariantCommand command(String key, String w, String h, String fit, String q, String fmt) {
        return new GetImageVariantCommand(
                new BlobKey(key),
                w == null ? 0 : Integer.parseInt(w),
                h == null ? 0 : Integer.parseInt(h),
                fit == null ? ImageFit.INSIDE : ImageFit.named(fit).orElseThrow(),
                q == null ? ImageVariantPolicy.DEFAULT_QUALITY : Integer.parseInt(q),
                fmt == null
                        ? VariantFormat.sourceFormat()
                        : VariantFormat.exactly(ImageFormat.named(fmt).orElseThrow()));
    }

    private static GetImageVariantCommand negotiated(String key, Map<ImageFormat, Integer> named, int others) {
        return new GetImageVariantCommand(
                new BlobKey(key),
                0,
                0,
                ImageFit.INSIDE,
                75,
                VariantFormat.bestFor(new FormatPreferences(named, others)));
    }

    @Test
    void aRepeatedRequestIsServedFromTheCacheWithoutImageWork() {
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);

        ImageVariant first = service.variant(command("post/a.jpg", "400", null, null, null, null));
        ImageVariant second = service.variant(command("post/a.jpg", "400", null, null, null, null));

        assertThat(codec.calls()).isEqualTo(1);
        assertThat(second.body().orElseThrow()).isEqualTo(first.body().orElseThrow());
        assertThat(second.etag()).isEqualTo(first.etag()).startsWith("\"");
        assertThat(first.key().value()).isEqualTo("ProcessedImages/post/a.jpg/w640-h480-q90.jpg");
        assertThat(store.list("ProcessedImages/")).containsExactly(first.key());
        assertThat(first.contentType()).isEqualTo("image/jpeg");
        assertThat(first.originalLength())
                .isEqualTo(store.stat(new BlobKey("post/a.jpg")).orElseThrow().length());
    }

    @Test
    void equivalentRequestsShareOneCanonicalVariant() {
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);

        service.variant(command("post/a.jpg", "400", null, "cover", "90", "jpg"));
        service.variant(command("post/a.jpg", "400", null, null, null, "jpeg"));
        service.variant(command("post/a.jpg", "400", null, "contain", null, null));

        assertThat(codec.calls()).isEqualTo(1);
    }

    @Test
    void pngIgnoresQualityAndOtherSourcesDefaultToPng() {
        stored("post/b.gif", FakeImageInspector.image(ImageFormat.GIF, 10, 10), ImageFormat.GIF);

        ImageVariant variant = service.variant(command("post/b.gif", "5", "5", "cover", "50", null));

        assertThat(variant.key().value()).isEqualTo("ProcessedImages/post/b.gif/w10-h10.png");
        assertThat(variant.contentType()).isEqualTo("image/png");
    }

    private static final EnumSet<ImageFormat> NATIVE =
            EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.AVIF);

    /** The service on a codec that encodes WebP and AVIF too. */
    private ImageVariantService wide() {
        return service(new ImageVariantPolicy(LAMBDA_INLINE_BYTES), new FakeImageCodec(NATIVE));
    }

    @Test
    void aFormatTheCodecCannotEncodeIsRefusedNamingTheFormatBeforeAnyWork() {
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 400, 300), ImageFormat.JPEG);

        assertThatThrownBy(() -> service.variant(command("post/a.jpg", "64", null, null, null, "webp")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.field()).contains("format");
                    assertThat(e.getMessage()).contains("WEBP").contains("JPEG, PNG");
                });
        assertThat(codec.calls()).isZero();
        assertThat(store.list("ProcessedImages/")).isEmpty();
    }

    @Test
    void negotiationPicksAvifThenWebpWhenTheCodecEncodesThem() {
        ImageVariantService wide = wide();
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 400, 300), ImageFormat.JPEG);

        ImageVariant avif =
                wide.variant(negotiated("post/a.jpg", Map.of(ImageFormat.AVIF, 1000, ImageFormat.WEBP, 1000), 800));
        ImageVariant webp = wide.variant(negotiated("post/a.jpg", Map.of(ImageFormat.WEBP, 1000), 800));
        ImageVariant jpeg = wide.variant(negotiated("post/a.jpg", Map.of(), 1000));

        assertThat(avif.key().value()).isEqualTo("ProcessedImages/post/a.jpg/w400-h300-q75.avif");
        assertThat(avif.contentType()).isEqualTo("image/avif");
        assertThat(webp.key().value()).isEqualTo("ProcessedImages/post/a.jpg/w400-h300-q75.webp");
        assertThat(webp.contentType()).isEqualTo("image/webp");
        assertThat(jpeg.key().value()).isEqualTo("ProcessedImages/post/a.jpg/w400-h300-q75.jpg");
        assertThat(store.list("ProcessedImages/")).hasSize(3);
    }

    /** A codec that encodes AVIF only up to 640x480 (as libvips does up to 4096x4096). */
    private ImageVariantService avifCappedAt640x480() {
        return service(
                new ImageVariantPolicy(LAMBDA_INLINE_BYTES),
                new FakeImageCodec(NATIVE, Map.of(ImageFormat.AVIF, 640L * 480)));
    }

    @Test
    void anAvifLargerThanTheCodecsAvifCapIsRefusedNamingTheFormatBeforeAnyWork() {
        ImageVariantService capped = avifCappedAt640x480();
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);

        assertThatThrownBy(() -> capped.variant(command("post/a.jpg", "750", null, null, null, "avif")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.field()).contains("format");
                    assertThat(e.getMessage())
                            .isEqualTo("AVIF variants are made up to 307200 pixels, and this one is 750x563"
                                    + " (422250): ask for a smaller width or height, or another format");
                });
        assertThat(store.list("ProcessedImages/")).isEmpty();
        assertThat(capped.variant(command("post/a.jpg", "640", null, null, null, "avif"))
                        .key()
                        .value())
                .isEqualTo("ProcessedImages/post/a.jpg/w640-h480-q90.avif");
    }

    @Test
    void negotiationOffersAvifOnlyUpToTheCodecsAvifCapAndWebpAbove() {
        ImageVariantService capped = avifCappedAt640x480();
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);
        Map<ImageFormat, Integer> browser = Map.of(ImageFormat.AVIF, 1000, ImageFormat.WEBP, 1000);

        ImageVariant small = capped.variant(new GetImageVariantCommand(
                new BlobKey("post/a.jpg"),
                640,
                0,
                ImageFit.INSIDE,
                75,
                VariantFormat.bestFor(new FormatPreferences(browser, 800))));
        ImageVariant large = capped.variant(new GetImageVariantCommand(
                new BlobKey("post/a.jpg"),
                750,
                0,
                ImageFit.INSIDE,
                75,
                VariantFormat.bestFor(new FormatPreferences(browser, 800))));
        ImageVariant avifOnly = capped.variant(new GetImageVariantCommand(
                new BlobKey("post/a.jpg"),
                750,
                0,
                ImageFit.INSIDE,
                75,
                VariantFormat.bestFor(new FormatPreferences(Map.of(ImageFormat.AVIF, 1000), 800))));

        assertThat(small.key().value()).isEqualTo("ProcessedImages/post/a.jpg/w640-h480-q75.avif");
        assertThat(large.key().value()).isEqualTo("ProcessedImages/post/a.jpg/w750-h563-q75.webp");
        assertThat(large.contentType()).isEqualTo("image/webp");
        assertThat(avifOnly.key().value()).isEqualTo("ProcessedImages/post/a.jpg/w750-h563-q75.jpg");
    }

    @Test
    void anAvifSourceLargerThanTheCodecsAvifCapBecomesAWebpByDefault() {
        ImageVariantService capped = avifCappedAt640x480();
        stored("post/photo.avif", FakeImageInspector.image(ImageFormat.AVIF, 4000, 3000), ImageFormat.AVIF);
        stored("post/logo.avif", FakeImageInspector.transparent(ImageFormat.AVIF, 4000, 3000), ImageFormat.AVIF);

        assertThat(capped.variant(command("post/photo.avif", "640", null, null, null, null))
                        .key()
                        .value())
                .isEqualTo("ProcessedImages/post/photo.avif/w640-h480-q90.avif");
        assertThat(capped.variant(command("post/photo.avif", null, null, null, null, null))
                        .key()
                        .value())
                .isEqualTo("ProcessedImages/post/photo.avif/w4000-h3000-q90.webp");
        assertThat(capped.variant(command("post/logo.avif", null, null, null, null, null))
                        .contentType())
                .isEqualTo("image/webp");
    }

    @Test
    void aGifSourceLargerThanTheCodecsGifCapBecomesAPng() {
        ImageVariantService capped = service(
                new ImageVariantPolicy(LAMBDA_INLINE_BYTES),
                new FakeImageCodec(
                        EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF),
                        Map.of(ImageFormat.GIF, 640L * 480)));
        stored("post/anim.gif", FakeImageInspector.image(ImageFormat.GIF, 4000, 3000), ImageFormat.GIF);

        assertThat(capped.variant(command("post/anim.gif", "640", null, null, null, null))
                        .key()
                        .value())
                .isEqualTo("ProcessedImages/post/anim.gif/w640-h480.gif");
        assertThat(capped.variant(command("post/anim.gif", null, null, null, null, null))
                        .key()
                        .value())
                .isEqualTo("ProcessedImages/post/anim.gif/w4000-h3000.png");
    }

    @Test
    void negotiationFallsBackToTheSourcesFormatWhenTheCodecEncodesNeitherAvifNorWebp() {
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 400, 300), ImageFormat.JPEG);

        ImageVariant variant =
                service.variant(negotiated("post/a.jpg", Map.of(ImageFormat.AVIF, 1000, ImageFormat.WEBP, 1000), 0));

        assertThat(variant.key().value()).isEqualTo("ProcessedImages/post/a.jpg/w400-h300-q75.jpg");
        assertThat(service.outputFormats()).containsExactlyInAnyOrder(ImageFormat.JPEG, ImageFormat.PNG);
    }

    @Test
    void aLossySourceInAFormatTheCodecCannotEncodeBecomesAJpegNotALargerPng() {
        stored("post/photo.webp", FakeImageInspector.image(ImageFormat.WEBP, 400, 300), ImageFormat.WEBP);

        ImageVariant variant = service.variant(command("post/photo.webp", null, null, null, null, null));

        assertThat(variant.key().value()).isEqualTo("ProcessedImages/post/photo.webp/w400-h300-q90.jpg");
        assertThat(variant.contentType()).isEqualTo("image/jpeg");
    }

    @Test
    void aTransparentLossySourceInAFormatTheCodecCannotEncodeBecomesAPngToKeepItsAlpha() {
        stored("post/logo.webp", FakeImageInspector.transparent(ImageFormat.WEBP, 400, 300), ImageFormat.WEBP);

        ImageVariant variant = service.variant(command("post/logo.webp", null, null, null, null, null));
        ImageVariant negotiated = service.variant(negotiated("post/logo.webp", Map.of(ImageFormat.WEBP, 1000), 400));

        assertThat(variant.key().value()).isEqualTo("ProcessedImages/post/logo.webp/w400-h300.png");
        assertThat(variant.contentType()).isEqualTo("image/png");
        assertThat(negotiated.contentType()).isEqualTo("image/png");
    }

    @Test
    void aTransparentSourceInAFormatTheCodecEncodesKeepsItsFormat() {
        stored("post/logo.webp", FakeImageInspector.transparent(ImageFormat.WEBP, 400, 300), ImageFormat.WEBP);

        assertThat(wide().variant(command("post/logo.webp", null, null, null, null, null))
                        .contentType())
                .isEqualTo("image/webp");
    }

    @Test
    void aSourceInAFormatTheCodecEncodesKeepsItsFormat() {
        ImageVariantService wide = wide();
        stored("post/photo.webp", FakeImageInspector.image(ImageFormat.WEBP, 400, 300), ImageFormat.WEBP);

        assertThat(wide.variant(command("post/photo.webp", null, null, null, "50", null))
                        .key()
                        .value())
                .isEqualTo("ProcessedImages/post/photo.webp/w400-h300-q50.webp");
    }

    @Test
    void qualityNamesEveryLossyVariant() {
        ImageVariantService wide = wide();
        stored("post/a.png", FakeImageInspector.image(ImageFormat.PNG, 40, 30), ImageFormat.PNG);

        assertThat(wide.variant(command("post/a.png", null, null, null, "50", "avif"))
                        .key()
                        .value())
                .endsWith("/w40-h30-q50.avif");
        assertThat(wide.variant(command("post/a.png", null, null, null, "75", "webp"))
                        .key()
                        .value())
                .endsWith("/w40-h30-q75.webp");
        assertThat(wide.variant(command("post/a.png", null, null, null, "50", null))
                        .key()
                        .value())
                .endsWith("/w40-h30.png");
    }

    @Test
    void unknownSourceIsNotFound() {
        assertThatThrownBy(() -> service.variant(command("post/none.jpg", null, null, null, null, null)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void objectsOutsideTheUploadFoldersHaveNoVariants() {
        stored("files/private.jpg", FakeImageInspector.image(ImageFormat.JPEG, 40, 30), ImageFormat.JPEG);
        stored("top.jpg", FakeImageInspector.image(ImageFormat.JPEG, 40, 30), ImageFormat.JPEG);

        for (String key : new String[] {"files/private.jpg", "top.jpg"}) {
            assertThatThrownBy(() -> service.variant(command(key, "10", null, null, null, null)))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        assertThat(codec.calls()).isZero();
    }

    @Test
    void aSourceThatIsNotAnImageIsUnsupported() {
        store.put(new BlobKey("post/c.jpg"), "hello".getBytes(StandardCharsets.US_ASCII), "image/jpeg");

        assertThatThrownBy(() -> service.variant(command("post/c.jpg", "10", null, null, null, null)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE));
        assertThat(codec.calls()).isZero();
    }

    @Test
    void aSourceOverThePixelLimitIsRefusedBeforeDecoding() {
        stored("post/bomb.png", FakeImageInspector.image(ImageFormat.PNG, 100_000, 100_000), ImageFormat.PNG);

        assertThatThrownBy(() -> service.variant(command("post/bomb.png", "10", null, null, null, null)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
        assertThat(codec.calls()).isZero();
        assertThat(store.list("ProcessedImages/")).isEmpty();
    }

    @Test
    void aVariantOverTheInlineLimitIsStoredAndRedirectedTo() {
        service = service(new ImageVariantPolicy(100));
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);
        codec.produce(101);

        ImageVariant first = service.variant(command("post/a.jpg", null, null, null, null, null));
        ImageVariant again = service.variant(command("post/a.jpg", null, null, null, null, null));

        assertThat(first.body()).isEmpty();
        assertThat(again.body()).isEmpty();
        assertThat(first.url().toString())
                .isEqualTo("https://cdn.example/ProcessedImages/post/a.jpg/w4000-h3000-q90.jpg");
        assertThat(first.length()).isEqualTo(101);
        assertThat(codec.calls()).isEqualTo(1);
    }

    @Test
    void aVariantAtTheLimitIsSentInline() {
        service = service(new ImageVariantPolicy(100));
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);
        codec.produce(100);

        assertThat(service.variant(command("post/a.jpg", null, null, null, null, null))
                        .body())
                .get()
                .extracting(b -> b.length)
                .isEqualTo(100);
    }

    @Test
    void sizesAndQualitiesSnapUpToTheListedOnes() {
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);

        assertThat(service.variant(command("post/a.jpg", "500", null, null, "80", null))
                        .key()
                        .value())
                .isEqualTo("ProcessedImages/post/a.jpg/w640-h480-q90.jpg");
        assertThat(service.variant(command("post/a.jpg", "4096", "10", "cover", "1", null))
                        .key()
                        .value())
                .isEqualTo("ProcessedImages/post/a.jpg/w3840-h16-cover-3840x2880-q50.jpg");
    }

    @Test
    void anyWidthAtOrAboveTheSourcesIsTheSourceItselfStoredOnce() {
        stored("post/small.jpg", FakeImageInspector.image(ImageFormat.JPEG, 64, 48), ImageFormat.JPEG);

        ImageVariant wide = service.variant(command("post/small.jpg", "4096", null, null, null, null));
        ImageVariant wider = service.variant(command("post/small.jpg", "4095", null, null, null, null));
        service.variant(command("post/small.jpg", "64", "48", "cover", null, null));
        service.variant(command("post/small.jpg", "100", "100", "inside", null, null));

        assertThat(wide.key()).isEqualTo(wider.key());
        assertThat(wide.key().value()).isEqualTo("ProcessedImages/post/small.jpg/w64-h48-q90.jpg");
        assertThat(store.list("ProcessedImages/")).containsExactly(wide.key());
        assertThat(codec.calls()).isEqualTo(1);
    }

    @Test
    void everyWidthFromOneTo4096GivesOnlyTheListedVariants() {
        service = service(new ImageVariantPolicy(LAMBDA_INLINE_BYTES).withMaxVariantsPerSource(1000));
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 1000, 800), ImageFormat.JPEG);

        for (int w = 1; w <= 4096; w++) {
            service.variant(command("post/a.jpg", Integer.toString(w), null, null, null, null));
        }

        // The 11 listed widths under the source's 1000 (16 to 828), and the source's own size for everything above.
        assertThat(store.list("ProcessedImages/")).hasSize(12);
    }

    @Test
    void theOrientationTurnsTheSourceBeforeItIsFitted() {
        stored("post/turned.jpg", FakeImageInspector.image(ImageFormat.JPEG, 400, 200, 6, 1), ImageFormat.JPEG);

        assertThat(service.variant(command("post/turned.jpg", null, "4096", null, null, null))
                        .key()
                        .value())
                .isEqualTo("ProcessedImages/post/turned.jpg/w200-h400-q90.jpg");
    }

    @Test
    void withSignedUrlsAnySizeIsRenderedAsAsked() {
        service = service(new ImageVariantPolicy(LAMBDA_INLINE_BYTES).withSizes(Optional.empty()));
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);

        assertThat(service.variant(command("post/a.jpg", "500", null, null, "80", null))
                        .key()
                        .value())
                .isEqualTo("ProcessedImages/post/a.jpg/w500-h375-q80.jpg");
    }

    @Test
    void pastTheBoundPerSourceVariantsAreAnsweredButNotStored() {
        service = service(new ImageVariantPolicy(LAMBDA_INLINE_BYTES).withMaxVariantsPerSource(2));
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);

        service.variant(command("post/a.jpg", "16", null, null, null, null));
        service.variant(command("post/a.jpg", "32", null, null, null, null));
        ImageVariant third = service.variant(command("post/a.jpg", "48", null, null, null, null));
        ImageVariant again = service.variant(command("post/a.jpg", "48", null, null, null, null));

        assertThat(third.body()).isPresent();
        assertThat(again.body()).contains(third.body().get());
        assertThat(store.list("ProcessedImages/")).hasSize(2);
        assertThat(codec.calls()).isEqualTo(4);
    }

    @Test
    void pastTheBoundAVariantTooLargeToSendInlineIsRefused() {
        service = service(new ImageVariantPolicy(100).withMaxVariantsPerSource(1));
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);
        service.variant(command("post/a.jpg", "16", null, null, null, null));
        codec.produce(101);

        assertThatThrownBy(() -> service.variant(command("post/a.jpg", "32", null, null, null, null)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
        assertThat(store.list("ProcessedImages/")).hasSize(1);
    }

    @Test
    void aSourceWithTooManyScansIsRefusedBeforeDecoding() {
        stored("post/bomb.jpg", FakeImageInspector.image(ImageFormat.JPEG, 640, 480, 1, 5000), ImageFormat.JPEG);

        assertThatThrownBy(() -> service.variant(command("post/bomb.jpg", "64", null, null, null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
                    assertThat(e.getMessage()).contains("scans");
                });
        assertThat(codec.calls()).isZero();
    }

    @Test
    void whenEveryPermitIsTakenARequestWaitsBrieflyThenGetsNoCapacityWithRetryAfter() throws Exception {
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(2);
        Thread[] holders = new Thread[2];
        for (int i = 0; i < holders.length; i++) {
            holders[i] = new Thread(() -> budget.run(deadline -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            holders[i].start();
        }
        holding.await();

        assertThatThrownBy(() -> service.variant(command("post/a.jpg", "64", null, null, null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NO_CAPACITY);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                });
        release.countDown();
        for (Thread holder : holders) {
            holder.join();
        }
        assertThat(service.variant(command("post/a.jpg", "64", null, null, null, null))
                        .body())
                .isPresent();
        assertThat(budget.busy()).isZero();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"width,-1", "width,4097", "height,-1", "height,99999", "quality,0", "quality,101", "quality,-5"})
    void outOfRangeCommandsAreRefusedNamingTheField(String field, int value) {
        assertThatThrownBy(() -> new GetImageVariantCommand(
                        new BlobKey("post/a.jpg"),
                        field.equals("width") ? value : 0,
                        field.equals("height") ? value : 0,
                        ImageFit.INSIDE,
                        field.equals("quality") ? value : 90,
                        VariantFormat.sourceFormat()))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.field()).contains(field);
                });
    }

    @ParameterizedTest
    @CsvSource({
        "post/../secret.jpg",
        "../etc/passwd",
        "post/./a.jpg",
        "ProcessedImages/post/a.jpg/w10-hauto-inside-q90.jpg",
        "/post/a.jpg"
    })
    void badKeysAndVariantsAreRefused(String key) {
        assertThatThrownBy(() -> command(BlobKey.of("key", key).value(), "10", null, null, null, null))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("key"));
    }

    @Test
    void boundsAreAccepted() {
        GetImageVariantCommand command = command("post/a.jpg", "1", "4096", "cover", "1", "png");

        assertThat(command.width()).isEqualTo(1);
        assertThat(command.height()).isEqualTo(4096);
        assertThat(command.quality()).isEqualTo(1);
    }
}
