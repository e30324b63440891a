package dev.skyhook.hosts.api.images;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.fake.FakeImageCodec;
import dev.skyhook.core.fake.FakeImageInspector;
import dev.skyhook.core.fake.InMemoryBlobStore;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.policy.RenderLimits;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.service.ImageVariantService;
import dev.skyhook.core.service.RenderBudget;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.ApiResponse;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpApi;
import dev.skyhook.hosts.api.http.RequestContext;
import dev.skyhook.hosts.api.http.UrlEncoding;
import dev.skyhook.hosts.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /img} over HTTP with a codec that encodes WebP and AVIF (a fake, as a native codec
 * would) and with one that does not (as the pure-Java one): format negotiation end to end.
 */
class ImageVariantRoutesTest {
    private static final String CHROME = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
    private static final Set<ImageFormat> NATIVE =
            EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.AVIF);

    private final InMemoryBlobStore store = new InMemoryBlobStore("https://cdn.example");
    private final RenderBudget budget =
            new RenderBudget(new RenderLimits(2, Duration.ofMillis(200), Duration.ofSeconds(5)));

    @AfterEach
    void closeBudget() {
        budget.close();
    }

    private HttpApi api(Set<ImageFormat> encodable, long inlineLimit) {
        return api(new FakeImageCodec(encodable), inlineLimit);
    }

    private HttpApi api(FakeImageCodec codec, long inlineLimit) {
        ImageVariantService variants = new ImageVariantService(
                UploadPolicy.defaults(AllowedPaths.defaults()),
                new ImageVariantPolicy(inlineLimit),
                new FakeImageInspector(),
                codec,
                store,
                budget);
        return new HttpApi(new ImageVariantRoutes(variants, Optional.empty()).routes(), AccessLog.discarding());
    }

    private static ApiResponse get(HttpApi api, String target, String accept) {
        int question = target.indexOf('?');
        Headers headers = accept == null
                ? Headers.empty()
                : Headers.builder().add("Accept", accept).build();
        return api.handle(new ApiRequest(
                "GET",
                question < 0 ? target : target.substring(0, question),
                question < 0 ? Map.of() : UrlEncoding.parseQuery(target.substring(question + 1)),
                headers,
                new byte[0],
                RequestContext.of("req-1", "198.51.100.1", Instant.now())));
    }

    private void photo() {
        store.put(new BlobKey("post/a.jpg"), FakeImageInspector.image(ImageFormat.JPEG, 400, 300), "image/jpeg");
    }

    @Test
    void autoPicksAvifThenWebpThenTheSourcesFormatAndSaysItVaries() {
        photo();
        HttpApi api = api(NATIVE, InlineLimit.LAMBDA_BYTES);

        ApiResponse avif = get(api, "/img/post/a.jpg?w=64", CHROME);
        ApiResponse webp = get(api, "/img/post/a.jpg?w=64", "image/webp,image/*;q=0.8");
        ApiResponse jpeg = get(api, "/img/post/a.jpg?w=64&fmt=auto", "*/*");
        ApiResponse none = get(api, "/img/post/a.jpg?w=64", null);

        assertThat(avif.headers().first("Content-Type")).contains("image/avif");
        assertThat(webp.headers().first("Content-Type")).contains("image/webp");
        assertThat(jpeg.headers().first("Content-Type")).contains("image/jpeg");
        assertThat(none.headers().first("Content-Type")).contains("image/jpeg");
        for (ApiResponse response : new ApiResponse[] {avif, webp, jpeg, none}) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().first("Vary")).contains("Accept");
        }
        assertThat(avif.headers().first("ETag")).isNotEqualTo(webp.headers().first("ETag"));
        assertThat(store.list("ProcessedImages/post/a.jpg/"))
                .extracting(BlobKey::value)
                .containsExactlyInAnyOrder(
                        "ProcessedImages/post/a.jpg/w64-h48-q90.avif",
                        "ProcessedImages/post/a.jpg/w64-h48-q90.webp",
                        "ProcessedImages/post/a.jpg/w64-h48-q90.jpg");
    }

    @Test
    void aNamedFormatIsServedWhateverTheAcceptHeaderAndDoesNotVary() {
        photo();

        ApiResponse response =
                get(api(NATIVE, InlineLimit.LAMBDA_BYTES), "/img/post/a.jpg?w=64&fmt=webp&q=75", "image/avif");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().first("Content-Type")).contains("image/webp");
        assertThat(response.headers().first("Vary")).isEmpty();
        assertThat(store.list("ProcessedImages/post/a.jpg/"))
                .extracting(BlobKey::value)
                .containsExactly("ProcessedImages/post/a.jpg/w64-h48-q75.webp");
    }

    @Test
    void aRedirectToAStoredVariantVariesToo() {
        photo();

        ApiResponse response = get(api(NATIVE, 10), "/img/post/a.jpg?w=64", CHROME);

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.headers().first("Location"))
                .contains("https://cdn.example/ProcessedImages/post/a.jpg/w64-h48-q90.avif");
        assertThat(response.headers().first("Vary")).contains("Accept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"webp", "avif"})
    void aFormatTheCodecCannotEncodeIs400NamingFmtAndWhatItCanDo(String fmt) {
        photo();

        ApiResponse response = get(
                api(EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG), InlineLimit.LAMBDA_BYTES),
                "/img/post/a.jpg?w=64&fmt=" + fmt,
                CHROME);

        assertThat(response.status()).isEqualTo(400);
        assertThat(Json.parse(response.body()))
                .isEqualTo(
                        Map.of(
                                "field",
                                "fmt",
                                "error",
                                "fmt=" + fmt
                                        + " is not available: this server's image codec encodes jpeg, png; leave fmt out (or fmt=auto) for the best format the client accepts"));
        assertThat(store.list("ProcessedImages/")).isEmpty();
    }

    @Test
    void overTheCodecsAvifCapFmtAvifIs400NamingFmtAndAutoServesWebpAndVaries() {
        photo();
        HttpApi api = api(new FakeImageCodec(NATIVE, Map.of(ImageFormat.AVIF, 64L * 48)), InlineLimit.LAMBDA_BYTES);

        ApiResponse refused = get(api, "/img/post/a.jpg?w=96&fmt=avif", CHROME);
        ApiResponse auto = get(api, "/img/post/a.jpg?w=96", CHROME);
        ApiResponse small = get(api, "/img/post/a.jpg?w=64", CHROME);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(Json.parse(refused.body()))
                .isEqualTo(Map.of(
                        "field",
                        "fmt",
                        "error",
                        "fmt=avif: AVIF variants are made up to 3072 pixels, and this one is 96x72 (6912): ask for a"
                                + " smaller width or height, or another format; leave fmt out (or fmt=auto) for the"
                                + " best format the client accepts at this size"));
        assertThat(auto.status()).isEqualTo(200);
        assertThat(auto.headers().first("Content-Type")).contains("image/webp");
        assertThat(auto.headers().first("Vary")).contains("Accept");
        assertThat(small.headers().first("Content-Type")).contains("image/avif");
        assertThat(store.list("ProcessedImages/post/a.jpg/"))
                .extracting(BlobKey::value)
                .containsExactlyInAnyOrder(
                        "ProcessedImages/post/a.jpg/w96-h72-q90.webp", "ProcessedImages/post/a.jpg/w64-h48-q90.avif");
    }

    @Test
    void withoutAvifOrWebpAutoServesTheSourcesFormat() {
        photo();

        ApiResponse response = get(
                api(EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG), InlineLimit.LAMBDA_BYTES),
                "/img/post/a.jpg?w=64",
                CHROME);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().first("Content-Type")).contains("image/jpeg");
        assertThat(response.headers().first("Vary")).contains("Accept");
    }

    @Test
    void anAbsurdAcceptHeaderIsIgnored() {
        photo();
        HttpApi api = api(NATIVE, InlineLimit.LAMBDA_BYTES);

        ApiResponse many = get(api, "/img/post/a.jpg?w=64", "image/x-a;q=0.5,".repeat(5000) + "image/avif");
        ApiResponse badQ = get(api, "/img/post/a.jpg?w=64", "image/avif;q=NaN, image/webp;q=1e9");

        assertThat(many.status()).isEqualTo(200);
        assertThat(many.headers().first("Content-Type")).contains("image/jpeg");
        assertThat(badQ.status()).isEqualTo(200);
        assertThat(badQ.headers().first("Content-Type")).contains("image/jpeg");
    }

    @Test
    void anUnknownFmtIs400() {
        photo();

        ApiResponse response = get(api(NATIVE, InlineLimit.LAMBDA_BYTES), "/img/post/a.jpg?fmt=heic", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(Json.parse(response.body()))
                .isEqualTo(Map.of("field", "fmt", "error", "fmt must be auto, jpeg, png, webp or avif"));
    }
}
