package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.aws.testing.S3FaultProxy.Request;
import dev.skyhook.adapters.local.blob.FileSystemBlobStore;
import dev.skyhook.adapters.local.image.MetadataExtractorImageInspector;
import dev.skyhook.adapters.local.signing.HmacBlobUrlSigner;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.fake.FailingBlobStore;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.in.UploadImagesCommand;
import dev.skyhook.core.port.in.UploadedFile;
import dev.skyhook.core.service.ImageUploadService;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: the store fails in the middle of a batch upload, after some images are stored.
 * What was stored is deleted again, on the real stores: zero objects are left.
 */
class BatchUploadFailureDrillIT {
    @TempDir
    Path data;

    @Test
    void s3FailingAfterTheFirstImageLeavesZeroObjects() throws Exception {
        try (ServerOnFaultyS3 s3 = ServerOnFaultyS3.start(data)) {
            s3.proxy.slowDownPutsAfter(1);

            HostResponse response = s3.client.send(new MultipartBody()
                    .file("file", "a.png", "image/png", TestImages.png(4, 4))
                    .file("file", "b.jpg", "image/jpeg", TestImages.jpeg(4, 4))
                    .file("file", "c.gif", "image/gif", TestImages.gif(4, 4))
                    .post("/images/post"));

            assertThat(response.status()).as("%s", response).isEqualTo(503);
            List<Request> requests = s3.proxy.requests();
            assertThat(requests)
                    .filteredOn(r -> r.isPut() && !r.slowedDown())
                    .as("the first image was stored")
                    .hasSize(1);
            // Both the stored image and the failed one are deleted: a failed PUT may still have landed.
            assertThat(requests).filteredOn(r -> r.method().equals("DELETE")).hasSize(2);
            s3.proxy.heal();
            assertThat(s3.stored("")).isEmpty();
        }
    }

    @Test
    void theFileSystemStoreFailingOnTheThirdImageLeavesZeroFiles() throws IOException {
        Path root = data.resolve("blobs");
        FileSystemBlobStore disk = new FileSystemBlobStore(root, URI.create("http://localhost/blobs"));
        ImageUploadService uploads = new ImageUploadService(
                UploadPolicy.defaults(AllowedPaths.defaults()),
                new MetadataExtractorImageInspector(),
                new dev.skyhook.adapters.local.image.ImageIoImageCodec(),
                new dev.skyhook.core.service.RenderBudget(new dev.skyhook.core.policy.RenderLimits(
                        1, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30))),
                new FailingBlobStore(disk, 3),
                new HmacBlobUrlSigner(new byte[32], URI.create("http://localhost/signed"), Clock.systemUTC()));
        UploadImagesCommand batch = new UploadImagesCommand(
                "post",
                List.of(
                        new UploadedFile("a.png", TestImages.png(4, 4)),
                        new UploadedFile("b.jpg", TestImages.jpeg(4, 4)),
                        new UploadedFile("c.gif", TestImages.gif(4, 4)),
                        new UploadedFile("d.webp", TestImages.webp(4, 4))));

        assertThatThrownBy(() -> uploads.upload(batch))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE));
        assertThat(disk.list("")).isEmpty();
        assertThat(regularFiles(root)).as("keys/ and tmp/ hold nothing").isEmpty();
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
