package dev.skyhook.hosts.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.aws.testing.S3FaultProxy.Request;
import dev.skyhook.core.model.FileOwner;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.MultipartBody;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: S3 answers {@code 503 SlowDown} (a fault-injecting proxy in front of S3Proxy). A short
 * episode is absorbed by the SDK's retries; a long one is a clear 503 with nothing stored.
 */
class S3SlowDownDrillIT {
    @TempDir
    Path data;

    private ServerOnFaultyS3 s3;

    @AfterEach
    void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void twoSlowDownsAreRetriedByTheSdkAndTheUploadSucceeds() throws Exception {
        s3 = ServerOnFaultyS3.start(data);
        s3.proxy.slowDownNext(2);

        HostResponse response = s3.client.send(new MultipartBody()
                .file("file", "a.png", "image/png", TestImages.png(4, 4))
                .post("/images/post"));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(puts()).extracting(Request::slowedDown).containsExactly(true, true, false);
        assertThat(s3.stored("post/")).hasSize(1);
    }

    @Test
    void aSpooledFileIsSentAgainOnEachRetry() throws Exception {
        s3 = ServerOnFaultyS3.start(data);
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        // The first two PUTs, not the listing that counts the owner's files before them.
        s3.proxy.slowDownWhen((method, earlier) ->
                method.equals("PUT") && earlier.stream().filter(Request::isPut).count() < 2);

        HostResponse response = s3.client.send(new MultipartBody()
                .field("filename", "retried.bin")
                .file("file", "retried.bin", "application/octet-stream", content)
                .post("/files")
                .asUser("retrier"));

        // A stream read once cannot be sent again: before files were sent from their spooled copy, this was a 500.
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(puts()).extracting(Request::slowedDown).containsExactly(true, true, false);
        assertThat(s3.read(FileOwner.of("retrier").keyPrefix() + "retried.bin")).isEqualTo(content);
    }

    @Test
    @SuppressWarnings("unchecked")
    void slowDownThatOutlastsTheRetriesIsA503AndNothingIsStored() throws Exception {
        s3 = ServerOnFaultyS3.start(data);
        s3.proxy.slowDownAll();

        HostResponse images = s3.client.send(new MultipartBody()
                .file("file", "a.png", "image/png", TestImages.png(4, 4))
                .file("file", "b.jpg", "image/jpeg", TestImages.jpeg(4, 4))
                .post("/images/post"));
        HostResponse file = s3.client.send(new MultipartBody()
                .field("filename", "report.txt")
                .file("file", "report.txt", "text/plain", new byte[] {'h', 'i'})
                .post("/files")
                .asUser("patient"));

        assertThat(images.status()).as("%s", images).isEqualTo(503);
        assertThat(images.jsonObject()).containsEntry("statusCode", 503).containsKey("data");
        assertThat((String) images.jsonObject().get("data"))
                .doesNotContain("SlowDown")
                .doesNotContainIgnoringCase("exception");
        assertThat(file.status()).as("%s", file).isEqualTo(503);
        assertThat(file.jsonObject()).isEqualTo(Map.of("error", "The file store is unavailable; try again"));
        // The SDK's standard mode: three attempts for the first image, then the upload gives up.
        assertThat(puts())
                .extracting(Request::path)
                .filteredOn(path -> path.contains("/post/"))
                .hasSize(3);
        s3.proxy.heal();
        assertThat(s3.stored("")).isEmpty();
    }

    private List<Request> puts() {
        return s3.proxy.requests().stream().filter(Request::isPut).toList();
    }
}
