package dev.skyhook.hosts.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.aws.s3.S3Settings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3VariablesTest {
    private static Optional<S3Settings> s3(Map<String, String> variables) {
        return Settings.fromVariables(variables).s3();
    }

    @Test
    void readsTheBucketWithDefaultsForEverythingElse() {
        S3Settings settings = s3(Map.of("BUCKET_NAME", "skyhook-images")).orElseThrow();

        assertThat(settings.bucket()).isEqualTo("skyhook-images");
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.publicBaseUrl()).isEqualTo(URI.create("https://skyhook-images.s3.us-east-1.amazonaws.com"));
        assertThat(settings.connectTimeout()).isEqualTo(S3Settings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(settings.readTimeout()).isEqualTo(S3Settings.DEFAULT_READ_TIMEOUT);
    }

    @Test
    void acceptsTheOriginalFunctionsBucketVariable() {
        assertThat(s3(Map.of("dev_bucket", "original-bucket")).orElseThrow().bucket())
                .isEqualTo("original-bucket");
        assertThat(s3(Map.of("BUCKET_NAME", "same", "dev_bucket", "same"))
                        .orElseThrow()
                        .bucket())
                .isEqualTo("same");
    }

    @Test
    void refusesTwoDifferentBuckets() {
        assertThatThrownBy(() -> s3(Map.of("BUCKET_NAME", "one", "dev_bucket", "two")))
                .hasMessageContaining("BUCKET_NAME and dev_bucket");
    }

    @Test
    void isAbsentWithoutABucketSoTheHostCanStoreLocally() {
        assertThat(s3(Map.of("AWS_REGION", "eu-west-1", "PUBLIC_BASE_URL", "http://localhost:8080/blobs")))
                .isEmpty();
        assertThat(s3(Map.of("BUCKET_NAME", "  "))).isEmpty();
    }

    @Test
    void anEndpointWithoutABucketNamesTheMissingVariable() {
        assertThatThrownBy(() -> s3(Map.of("S3_ENDPOINT", "http://127.0.0.1:9000")))
                .hasMessage("BUCKET_NAME (or dev_bucket) must be set when S3_ENDPOINT is set");
    }

    @Test
    void publicUrlsFollowTheRegion() {
        S3Settings settings = s3(Map.of("BUCKET_NAME", "photos", "AWS_REGION", "ap-northeast-2"))
                .orElseThrow();

        assertThat(settings.region()).isEqualTo("ap-northeast-2");
        assertThat(settings.publicBaseUrl()).isEqualTo(URI.create("https://photos.s3.ap-northeast-2.amazonaws.com"));
    }

    @Test
    void aConfiguredPublicBaseUrlWinsWithoutItsTrailingSlash() {
        S3Settings settings = s3(Map.of("BUCKET_NAME", "photos", "PUBLIC_BASE_URL", "https://cdn.example.com/images/"))
                .orElseThrow();

        assertThat(settings.publicBaseUrl()).isEqualTo(URI.create("https://cdn.example.com/images"));
    }

    @Test
    void anS3CompatibleEndpointServesObjectsPathStyle() {
        S3Settings settings = s3(Map.of("BUCKET_NAME", "photos", "S3_ENDPOINT", "http://127.0.0.1:9000/"))
                .orElseThrow();

        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:9000/"));
        assertThat(settings.publicBaseUrl()).isEqualTo(URI.create("http://127.0.0.1:9000/photos"));
    }

    @Test
    void namesTheVariableThatIsWrong() {
        assertThatThrownBy(() -> s3(Map.of("BUCKET_NAME", "Not_A_Bucket"))).hasMessageContaining("BUCKET_NAME");
        assertThatThrownBy(() -> s3(Map.of("BUCKET_NAME", "b.k..t"))).hasMessageContaining("BUCKET_NAME");
        assertThatThrownBy(() -> s3(Map.of("BUCKET_NAME", "photos", "AWS_REGION", "Seoul please")))
                .hasMessageContaining("AWS_REGION");
        assertThatThrownBy(() -> s3(Map.of("BUCKET_NAME", "photos", "S3_ENDPOINT", "localhost:9000")))
                .hasMessageContaining("S3_ENDPOINT");
        assertThatThrownBy(() -> s3(Map.of("BUCKET_NAME", "photos", "PUBLIC_BASE_URL", "https://cdn.example.com/?v=1")))
                .hasMessageContaining("PUBLIC_BASE_URL");
    }

    @Test
    void refusesCredentialsInUrlsWithoutRepeatingThem() {
        assertThatThrownBy(
                        () -> s3(Map.of("BUCKET_NAME", "photos", "S3_ENDPOINT", "http://minio:hunter2@127.0.0.1:9000")))
                .hasMessage("S3_ENDPOINT must not contain credentials");
        assertThatThrownBy(() -> s3(Map.of("BUCKET_NAME", "photos", "PUBLIC_BASE_URL", "ftp://user:hunter2@cdn")))
                .hasMessage("PUBLIC_BASE_URL must not contain credentials");
    }
}
