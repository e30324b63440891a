package dev.skyhook.adapters.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.BlobKey;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/** Public URLs are computed, not fetched: no request reaches S3 here. */
class S3BlobStorePublicUrlTest {
    @Test
    void defaultsToTheBucketsVirtualHostedUrl() {
        URI url =
                publicUrl(Map.of("BUCKET_NAME", "skyhook-images", "AWS_REGION", "ap-northeast-2"), "profile/3f2a.jpg");

        assertThat(url)
                .isEqualTo(URI.create("https://skyhook-images.s3.ap-northeast-2.amazonaws.com/profile/3f2a.jpg"));
    }

    @Test
    void usesTheConfiguredBaseUrl() {
        URI url = publicUrl(
                Map.of("BUCKET_NAME", "skyhook-images", "PUBLIC_BASE_URL", "https://cdn.example.com/images/"),
                "post/a.png");

        assertThat(url).isEqualTo(URI.create("https://cdn.example.com/images/post/a.png"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "post/with space.jpg           | post/with%20space.jpg",
                "김민준/사진.png                 | %EA%B9%80%EB%AF%BC%EC%A4%80/%EC%82%AC%EC%A7%84.png",
                "quote'\"and+plus&amp.gif      | quote%27%22and%2Bplus%26amp.gif",
                "emoji 🦄.webp                 | emoji%20%F0%9F%A6%84.webp",
                "safe-_.~AZaz09/x*y(1)=2,3;4:5 | safe-_.~AZaz09/x%2Ay%281%29%3D2%2C3%3B4%3A5",
            })
    void encodesEachSegmentAsS3DoesAndKeepsTheSlashes(String key, String path) {
        URI url = publicUrl(Map.of("BUCKET_NAME", "b-1", "PUBLIC_BASE_URL", "https://cdn.example.com"), key);

        assertThat(url.toString()).isEqualTo("https://cdn.example.com/" + path);
        assertThat(url.getPath()).isEqualTo("/" + new BlobKey(key).value());
    }

    private static URI publicUrl(Map<String, String> env, String key) {
        S3Settings settings = S3Settings.of(
                env.get("BUCKET_NAME"),
                env.getOrDefault("AWS_REGION", S3Settings.DEFAULT_REGION),
                Optional.empty(),
                Optional.ofNullable(env.get("PUBLIC_BASE_URL")).map(URI::create));
        try (S3Clients clients = S3Clients.create(settings, AnonymousCredentialsProvider.create())) {
            return new S3BlobStore(clients.client(), settings).publicUrl(new BlobKey(key));
        }
    }
}
