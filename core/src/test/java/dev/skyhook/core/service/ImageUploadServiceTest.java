package dev.skyhook.core.service;

import static dev.skyhook.core.fake.FakeImageInspector.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.fake.FailingBlobStore;
import dev.skyhook.core.fake.FakeBlobUrlSigner;
import dev.skyhook.core.fake.FakeImageCodec;
import dev.skyhook.core.fake.FakeImageInspector;
import dev.skyhook.core.fake.InMemoryBlobStore;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.RenderLimits;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.in.CheckStoredImageUseCase;
import dev.skyhook.core.port.in.RequestDirectUploadCommand;
import dev.skyhook.core.port.in.RequestDirectUploadUseCase.DirectUpload;
import dev.skyhook.core.port.in.UploadImagesCommand;
import dev.skyhook.core.port.in.UploadedFile;
import dev.skyhook.core.port.out.BlobStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImageUploadServiceTest {
    private static final UploadPolicy POLICY = new UploadPolicy(
            AllowedPaths.defaults(), UploadPolicy.DEFAULT_FORMATS, 1000, 2500, 3, 1_000_000, 5000, 100);
    private final InMemoryBlobStore store = new InMemoryBlobStore("https://cdn.example/");
    private final AtomicLong sequence = new AtomicLong();
    private final FakeImageCodec codec = new FakeImageCodec();
    private final RenderBudget budget =
            new RenderBudget(new RenderLimits(2, Duration.ofSeconds(1), Duration.ofSeconds(5)));

    @AfterEach
    void closeBudget() {
        budget.close();
    }

    private ImageUploadService service(BlobStore blobs) {
        return new ImageUploadService(
                POLICY,
                new FakeImageInspector(),
                codec,
                budget,
                blobs,
                new FakeBlobUrlSigner(Instant.EPOCH),
                () -> new UUID(0, sequence.incrementAndGet()));
    }

    private static UploadedFile file(String name, byte[] content) {
        return new UploadedFile(name, content);
    }

    @Test
    void storesEachImageUnderANewKeyWithTheDetectedTypeAndReturnsItsUrl() {
        List<URI> urls = service(store)
                .upload(new UploadImagesCommand(
                        "post",
                        List.of(
                                file("cat.png", image(ImageFormat.JPEG, 640, 480)),
                                file("cat.png", image(ImageFormat.PNG, 10, 10)))));

        assertThat(urls)
                .containsExactly(
                        URI.create("https://cdn.example/post/00000000-0000-0000-0000-000000000001.jpg"),
                        URI.create("https://cdn.example/post/00000000-0000-0000-0000-000000000002.png"));
        assertThat(store.stat(new BlobKey("post/00000000-0000-0000-0000-000000000001.jpg"))
                        .orElseThrow()
                        .contentType())
                .isEqualTo("image/jpeg");
    }

    @Test
    void oneRefusedFileMeansNothingIsStored() {
        UploadImagesCommand command = new UploadImagesCommand(
                "post",
                List.of(
                        file("ok.jpg", image(ImageFormat.JPEG, 10, 10)),
                        file("evil.jpg", "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))));

        assertThatThrownBy(() -> service(store).upload(command)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE);
            assertThat(e.getMessage()).contains("'evil.jpg'").contains("not an image");
        });
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void aStoreFailingOnTheSecondWriteLeavesZeroObjects() {
        UploadImagesCommand command = new UploadImagesCommand(
                "post",
                List.of(
                        file("a.jpg", image(ImageFormat.JPEG, 10, 10)),
                        file("b.jpg", image(ImageFormat.JPEG, 10, 10)),
                        file("c.jpg", image(ImageFormat.JPEG, 10, 10))));

        assertThatThrownBy(() -> service(new FailingBlobStore(store, 2)).upload(command))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void refusesFoldersOutsideTheAllowList() {
        for (String folder : new String[] {"secret", "", "..", "post/..", "Post", "post/x"}) {
            assertThatThrownBy(() -> service(store)
                            .upload(new UploadImagesCommand(folder, List.of(file("a", image(ImageFormat.PNG, 1, 1))))))
                    .isInstanceOfSatisfying(
                            DomainException.class,
                            e -> assertThat(e.getMessage()).isEqualTo("Invalid path"));
        }
    }

    @Test
    void refusesEmptyOversizedTooManyAndImageBombs() {
        assertRefused(List.of(file("empty.png", new byte[0])), ErrorCode.INVALID_INPUT);
        assertRefused(List.of(file("big.png", new byte[1001])), ErrorCode.TOO_LARGE);
        assertRefused(List.of(file("bomb.png", image(ImageFormat.PNG, 100_000, 100_000))), ErrorCode.TOO_LARGE);
        assertRefused(
                List.of(file("huge.png", image(ImageFormat.PNG, Long.MAX_VALUE, Long.MAX_VALUE))), ErrorCode.TOO_LARGE);
        assertRefused(List.of(file("flat.png", image(ImageFormat.PNG, 0, 10))), ErrorCode.INVALID_INPUT);
        assertRefused(List.of(file("bmp.bmp", image(ImageFormat.BMP, 10, 10))), ErrorCode.UNSUPPORTED_TYPE);
        byte[] small = image(ImageFormat.PNG, 1, 1);
        assertRefused(
                List.of(file("1", small), file("2", small), file("3", small), file("4", small)), ErrorCode.TOO_LARGE);
        byte[] nineHundred = new byte[900];
        System.arraycopy(small, 0, nineHundred, 0, small.length);
        assertRefused(
                List.of(file("1", nineHundred), file("2", nineHundred), file("3", nineHundred)), ErrorCode.TOO_LARGE);
    }

    @Test
    void aProgressiveJpegWithTooManyScansIsRefusedBeforeAnyDecode() {
        byte[] scanBomb = image(ImageFormat.JPEG, 64, 64, 1, 101);

        assertThatThrownBy(() ->
                        service(store).upload(new UploadImagesCommand("profile", List.of(file("bomb.jpg", scanBomb)))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
                    assertThat(e.getMessage()).contains("bomb.jpg").contains("more than 100 scans");
                });
        assertThat(codec.verifications()).isZero();
        assertThat(store.list("")).isEmpty();
        assertThat(service(store)
                        .upload(new UploadImagesCommand(
                                "profile", List.of(file("ok.jpg", image(ImageFormat.JPEG, 64, 64, 1, 100))))))
                .hasSize(1);
    }

    @Test
    void aFileWhoseDataDoesNotDecodeIsRefusedAtUploadNamingIt() {
        byte[] good = image(ImageFormat.PNG, 10, 10);
        byte[] truncated = concat(image(ImageFormat.JPEG, 10, 10), "DAMAGED".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> service(store)
                        .upload(new UploadImagesCommand(
                                "profile", List.of(file("a.png", good), file("cut.jpg", truncated)))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.field()).contains("file");
                    assertThat(e.getMessage()).startsWith("file 'cut.jpg' is a damaged JPEG");
                });
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void aDirectUploadThatDoesNotDecodeIsDeleted() {
        BlobKey key = new BlobKey("post/direct/1.jpg");
        store.put(
                key,
                concat(image(ImageFormat.JPEG, 10, 10), "DAMAGED".getBytes(StandardCharsets.US_ASCII)),
                "image/jpeg");

        assertThat(service(store).check(key).refusal())
                .hasValueSatisfying(refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_INPUT));
        assertThat(store.list("")).isEmpty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private void assertRefused(List<UploadedFile> files, ErrorCode code) {
        assertThatThrownBy(() -> service(store).upload(new UploadImagesCommand("profile", files)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void directUploadsAreSignedForAnAllowedTypeAndBoundedSize() {
        DirectUpload upload = service(store).request(new RequestDirectUploadCommand("banner", "image/png", 4000));

        assertThat(upload.key().value()).matches("banner/direct/[0-9a-f-]{36}\\.png");
        assertThat(upload.upload().method()).isEqualTo("PUT");
        assertThat(upload.upload().headers())
                .containsEntry("Content-Type", "image/png")
                .containsEntry("Content-Length", "4000");
        assertThatThrownBy(() -> service(store).request(new RequestDirectUploadCommand("banner", "image/svg+xml", 10)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE));
        assertThatThrownBy(() -> service(store).request(new RequestDirectUploadCommand("banner", "image/png", 5001)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
        assertThatThrownBy(() -> service(store).request(new RequestDirectUploadCommand("nope", "image/png", 10)))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aDirectlyStoredObjectIsKeptWhenItPassesAndDeletedWhenItDoesNot() {
        BlobKey good = new BlobKey("post/direct/1.png");
        BlobKey lying = new BlobKey("post/direct/2.jpg");
        BlobKey html = new BlobKey("post/direct/3.png");
        BlobKey variant = new BlobKey("ProcessedImages/post/direct/3.png/w100");
        store.put(good, image(ImageFormat.PNG, 10, 10), "image/png");
        store.put(lying, image(ImageFormat.PNG, 10, 10), "image/jpeg");
        store.put(html, "<html>".getBytes(StandardCharsets.UTF_8), "image/png");
        store.put(variant, "<not checked>".getBytes(StandardCharsets.UTF_8), "image/png");
        ImageUploadService uploads = service(store);

        assertThat(uploads.check(good).refusal()).isEmpty();
        assertThat(uploads.check(lying).refusal())
                .hasValueSatisfying(refusal -> assertThat(refusal.reason()).contains("PNG"));
        assertThat(uploads.check(html).refusal())
                .hasValueSatisfying(refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE));
        assertThat(uploads.check(variant).refusal()).isEmpty();
        assertThat(uploads.check(new BlobKey("post/direct/gone.png")).refusal()).isEmpty();

        assertThat(store.list("")).containsExactly(variant, good);
    }

    @Test
    void onlyDirectUploadKeysAreCheckedAgain() {
        ImageUploadService uploads = service(store);
        BlobKey viaPostImages = uploads
                .upload(new UploadImagesCommand(
                        "post", List.of(new UploadedFile("a.png", image(ImageFormat.PNG, 10, 10)))))
                .stream()
                .map(url -> new BlobKey(url.getPath().substring(url.getPath().indexOf("post/"))))
                .findFirst()
                .orElseThrow();
        BlobKey notAnImage = new BlobKey("post/notes.png");
        store.put(notAnImage, "<html>".getBytes(StandardCharsets.UTF_8), "image/png");

        assertThat(uploads.isDirectUpload(viaPostImages)).isFalse();
        assertThat(uploads.isDirectUpload(new BlobKey("post/direct/x.png"))).isTrue();
        assertThat(uploads.isDirectUpload(new BlobKey("post/direct/deeper/x.png")))
                .isFalse();
        assertThat(uploads.isDirectUpload(new BlobKey("files/direct/x.png"))).isFalse();
        assertThat(uploads.isDirectUpload(new BlobKey("direct/x.png"))).isFalse();
        // Nothing but a direct upload lands without the checks: other keys are left as they are.
        assertThat(uploads.check(viaPostImages))
                .isEqualTo(new CheckStoredImageUseCase.Checked(false, Optional.empty()));
        assertThat(uploads.check(notAnImage)).isEqualTo(new CheckStoredImageUseCase.Checked(false, Optional.empty()));
        assertThat(store.list("post/")).contains(viaPostImages, notAnImage);
    }

    @Test
    void aDirectUploadIsKeptWhenItIsTheImageItClaimsAndRemovedWhenNot() {
        ImageUploadService uploads = service(store);
        byte[] png = image(ImageFormat.PNG, 10, 10);
        byte[] html = "<html>".getBytes(StandardCharsets.UTF_8);

        uploads.accept(
                new BlobKey("post/direct/1.png"), new java.io.ByteArrayInputStream(png), png.length, "image/png");
        assertThatThrownBy(() -> uploads.accept(
                        new BlobKey("post/direct/2.png"),
                        new java.io.ByteArrayInputStream(html),
                        html.length,
                        "image/png"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_TYPE));
        assertThatThrownBy(() -> uploads.accept(
                        new BlobKey("files/3.png"), new java.io.ByteArrayInputStream(png), png.length, "image/png"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("key"));
        assertThatThrownBy(() -> uploads.accept(
                        new BlobKey("post/4.png"), new java.io.ByteArrayInputStream(png), png.length, "image/png"))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("key"));

        assertThat(store.list("")).containsExactly(new BlobKey("post/direct/1.png"));
    }
}
