package dev.skyhook.adapters.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.SignedRequest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** What a URL says before anyone uses it; whether S3 honours it is {@link S3BlobUrlSignerIT}. */
class S3BlobUrlSignerTest {
    private static final BlobKey KEY = new BlobKey("files/report.pdf");
    private static S3Clients clients;
    private static S3BlobUrlSigner signer;

    @BeforeAll
    static void signer() {
        S3Settings settings = S3Settings.of("skyhook-files", "eu-west-1", Optional.empty(), Optional.empty());
        clients = S3Clients.create(
                settings, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
        signer = new S3BlobUrlSigner(clients.presigner(), settings);
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void signsForTheBucketsRegionalVirtualHost() {
        SignedRequest get = signer.signGet(KEY, Duration.ofHours(1));

        assertThat(get.url().getHost()).isEqualTo("skyhook-files.s3.eu-west-1.amazonaws.com");
        assertThat(get.url().getPath()).isEqualTo("/files/report.pdf");
        assertThat(get.url().getQuery()).contains("X-Amz-Expires=3600", "X-Amz-Credential=AKIDEXAMPLE/");
    }

    @Test
    void signsUpToTheSevenDaysSigV4Allows() {
        assertThat(signer.signGet(KEY, S3BlobUrlSigner.MAX_TTL).url().getQuery())
                .contains("X-Amz-Expires=604800");

        assertThatThrownBy(() -> signer.signGet(KEY, Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.signPut(KEY, "application/pdf", 10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDispositionNamesTheKeysLastSegmentSafely() {
        assertThat(Attachment.dispositionFor("files/owner/report \"q3\" 100%;.pdf"))
                .isEqualTo(
                        "attachment; filename=\"report _q3_ 100_;.pdf\"; filename*=UTF-8''report%20%22q3%22%20100%25%3B.pdf");
        assertThat(Attachment.dispositionFor("files/사진*.png"))
                .isEqualTo("attachment; filename=\"__*.png\"; filename*=UTF-8''%EC%82%AC%EC%A7%84%2A.png");
    }

    @Test
    void aDownloadUrlCarriesTheSignedOverrides() {
        String query = signer.signGet(KEY, Duration.ofHours(1)).url().getRawQuery();

        assertThat(query)
                .contains(
                        "response-content-type=application%2Foctet-stream",
                        "response-cache-control=private",
                        "response-content-disposition=attachment%3B%20filename%3D%22report.pdf%22",
                        "response-expires=");
        assertThat(query.substring(query.indexOf("X-Amz-SignedHeaders"))).doesNotContain("response-");
    }
}
