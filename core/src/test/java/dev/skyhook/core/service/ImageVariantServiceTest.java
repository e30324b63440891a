package dev.skyhook.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.fake.FakeImageCodec;
import dev.skyhook.core.fake.FakeImageInspector;
import dev.skyhook.core.fake.InMemoryBlobStore;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.in.GetImageVariantCommand;
import dev.skyhook.core.port.in.GetImageVariantUseCase.ImageVariant;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageVariantServiceTest {
    private final InMemoryBlobStore store = new InMemoryBlobStore("https://cdn.example");
    private final FakeImageCodec codec = new FakeImageCodec();
    private ImageVariantService service = service(ImageVariantPolicy.lambda());

    private ImageVariantService service(ImageVariantPolicy policy) {
        return new ImageVariantService(UploadPolicy.defaults(AllowedPaths.defaults()), policy, new FakeImageInspector(), codec, store);
    }

    private void stored(String key, byte[] content, ImageFormat format) {
        store.put(new BlobKey(key), content, format.mediaType());
    }

    private static GetImageVariantCommand command(String key, String w, String h, String fit, String q, String fmt) {
        return GetImageVariantCommand.parse(key, w, h, fit, q, fmt);
    }

    @Test
    void aRepeatedRequestIsServedFromTheCacheWithoutImageWork() {
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);

        ImageVariant first = service.variant(command("post/a.jpg", "400", null, null, null, null));
        ImageVariant second = service.variant(command("post/a.jpg", "400", null, null, null, null));

        assertThat(codec.calls()).isEqualTo(1);
        assertThat(second.body().orElseThrow()).isEqualTo(first.body().orElseThrow());
        assertThat(second.etag()).isEqualTo(first.etag()).startsWith("\"");
        assertThat(first.key().value()).isEqualTo("ProcessedImages/post/a.jpg/w400-hauto-inside-q90.jpg");
        assertThat(store.list("ProcessedImages/")).containsExactly(first.key());
        assertThat(first.contentType()).isEqualTo("image/jpeg");
        assertThat(first.originalLength()).isEqualTo(store.stat(new BlobKey("post/a.jpg")).orElseThrow().length());
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

        assertThat(variant.key().value()).isEqualTo("ProcessedImages/post/b.gif/w5-h5-cover.png");
        assertThat(variant.contentType()).isEqualTo("image/png");
    }

    @Test
    void unknownSourceIsNotFound() {
        assertThatThrownBy(() -> service.variant(command("post/none.jpg", null, null, null, null, null)))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void objectsOutsideTheUploadFoldersHaveNoVariants() {
        stored("files/private.jpg", FakeImageInspector.image(ImageFormat.JPEG, 40, 30), ImageFormat.JPEG);
        stored("top.jpg", FakeImageInspector.image(ImageFormat.JPEG, 40, 30), ImageFormat.JPEG);

        for (String key : new String[] {"files/private.jpg", "top.jpg"}) {
            assertThatThrownBy(() -> service.variant(command(key, "10", null, null, null, null)))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        assertThat(codec.calls()).isZero();
    }

    @Test
    void aSourceThatIsNotAnImageIsUnsupported() {
        store.put(new BlobKey("post/c.jpg"), "hello".getBytes(StandardCharsets.US_ASCII), "image/jpeg");

        assertThatThrownBy(() -> service.variant(command("post/c.jpg", "10", null, null, null, null)))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE));
        assertThat(codec.calls()).isZero();
    }

    @Test
    void aSourceOverThePixelLimitIsRefusedBeforeDecoding() {
        stored("post/bomb.png", FakeImageInspector.image(ImageFormat.PNG, 100_000, 100_000), ImageFormat.PNG);

        assertThatThrownBy(() -> service.variant(command("post/bomb.png", "10", null, null, null, null)))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
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
        assertThat(first.url().toString()).isEqualTo("https://cdn.example/ProcessedImages/post/a.jpg/wauto-hauto-inside-q90.jpg");
        assertThat(first.length()).isEqualTo(101);
        assertThat(codec.calls()).isEqualTo(1);
    }

    @Test
    void aVariantAtTheLimitIsSentInline() {
        service = service(new ImageVariantPolicy(100));
        stored("post/a.jpg", FakeImageInspector.image(ImageFormat.JPEG, 4000, 3000), ImageFormat.JPEG);
        codec.produce(100);

        assertThat(service.variant(command("post/a.jpg", null, null, null, null, null)).body()).get().extracting(b -> b.length).isEqualTo(100);
    }

    @Test
    void inlineLimitsLeaveRoomForBase64AndHeaders() {
        assertThat(ImageVariantPolicy.LAMBDA_INLINE_BYTES * 4 / 3).isLessThan(6L * 1024 * 1024 - 4096);
        assertThat(ImageVariantPolicy.parse("edge").inlineLimitBytes() * 4 / 3).isLessThan(1024L * 1024 - 4096);
        assertThat(ImageVariantPolicy.parse("12345").inlineLimitBytes()).isEqualTo(12345);
        assertThatThrownBy(() -> ImageVariantPolicy.parse("huge")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"w,0", "w,-1", "w,99999", "w,4097", "w,abc", "h,0", "h,1.5", "q,0", "q,101", "q,-5", "fit,stretch", "fit,COVER",
        "fmt,bmp", "fmt,webp", "fmt,gif"})
    void badParametersAreRefusedNamingTheField(String field, String value) {
        assertThatThrownBy(() -> command("post/a.jpg", field.equals("w") ? value : null, field.equals("h") ? value : null,
            field.equals("fit") ? value : null, field.equals("q") ? value : null, field.equals("fmt") ? value : null))
            .isInstanceOfSatisfying(DomainException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                assertThat(e.field()).contains(field);
            });
    }

    @ParameterizedTest
    @CsvSource({"post/../secret.jpg", "../etc/passwd", "post/./a.jpg", "ProcessedImages/post/a.jpg/w10-hauto-inside-q90.jpg", "/post/a.jpg"})
    void badKeysAndVariantsAreRefused(String key) {
        assertThatThrownBy(() -> command(key, "10", null, null, null, null))
            .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).contains("key"));
    }

    @Test
    void boundsAreAccepted() {
        GetImageVariantCommand command = command("post/a.jpg", "1", "4096", "cover", "1", "png");

        assertThat(command.width()).isEqualTo(1);
        assertThat(command.height()).isEqualTo(4096);
        assertThat(command.quality()).isEqualTo(1);
    }
}
