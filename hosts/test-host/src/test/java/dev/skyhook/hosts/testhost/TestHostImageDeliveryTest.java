package dev.skyhook.hosts.testhost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.adapters.local.signing.HmacImageUrlSigner;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.images.ImageVariantRequests;
import dev.skyhook.hosts.api.images.InlineLimit;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.testhost.acceptance.HostRequest;
import dev.skyhook.hosts.testhost.acceptance.HostResponse;
import dev.skyhook.hosts.testhost.acceptance.TestHostClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Image delivery behaviour that needs the host configured otherwise, or objects put behind the API's back. */
class TestHostImageDeliveryTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final TestHost host = new TestHost(
            AccessLog.discarding(),
            TestHost.acceptance().toBuilder()
                    .imageDelivery(new ImageVariantPolicy(2000), false)
                    .build());
    private final TestHostClient client = new TestHostClient(host);

    private HostResponse get(String target) {
        return client.send(HostRequest.get(target));
    }

    private void stored(String key, byte[] content, String type) {
        host.blobs().put(new BlobKey(key), content, type);
    }

    @SuppressWarnings("unchecked")
    private static String error(HostResponse response) {
        return (String) ((Map<String, Object>) Json.parse(response.body())).get("error");
    }

    @Test
    void aVariantOverTheInlineLimitIsStoredAndAnsweredWithARedirect() {
        stored("post/big.png", noisePng(120, 120), "image/png");

        HostResponse response = get("/img/post/big.png");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.body()).isEmpty();
        String location = response.header("Location").orElseThrow();
        assertThat(location).isEqualTo(TestHost.BASE_URL + "/blobs/ProcessedImages/post/big.png/w120-h120.png");
        assertThat(Long.parseLong(response.header("X-Variant-Bytes").orElseThrow()))
                .isGreaterThan(2000);
        HostResponse stored = get(URI.create(location).getPath());
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body())
                .hasSize(Integer.parseInt(response.header("X-Variant-Bytes").orElseThrow()));
        assertThat(get("/img/post/big.png").status())
                .as("again, from the cache")
                .isEqualTo(302);
    }

    @Test
    void aVariantWithinTheLimitIsSentAndRevalidatedWith304() {
        stored("post/small.jpg", TestImages.jpeg(40, 40), "image/jpeg");
        HostResponse first = get("/img/post/small.jpg?w=10");

        HostResponse again = client.send(HostRequest.get("/img/post/small.jpg?w=10")
                .withHeader("If-None-Match", first.header("ETag").orElseThrow()));

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void headAnswersTheHeadersOnly() {
        stored("post/small.jpg", TestImages.jpeg(40, 40), "image/jpeg");

        HostResponse response = client.send(HostRequest.of("HEAD", "/img/post/small.jpg?w=10"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Variant-Bytes")).isPresent();
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aStoredObjectThatIsNotAnImageIs415() {
        stored("post/fake.jpg", TestImages.html(), "image/jpeg");

        HostResponse response = get("/img/post/fake.jpg?w=10");

        assertThat(response.status()).isEqualTo(415);
        assertThat(error(response)).contains("HTML");
        assertThat(host.blobs().list("ProcessedImages/")).isEmpty();
    }

    @Test
    void aHundredThousandSquareHeaderIsRefusedBeforeDecoding() {
        stored("post/bomb.png", TestImages.pngClaiming(100_000, 100_000), "image/png");

        HostResponse response = get("/img/post/bomb.png?w=10");

        assertThat(response.status()).isEqualTo(413);
        assertThat(error(response)).contains("100000x100000");
    }

    @Test
    void aTruncatedJpegIs415() {
        byte[] whole = TestImages.jpeg(300, 300);
        stored("post/cut.jpg", Arrays.copyOf(whole, whole.length / 2), "image/jpeg");

        assertThat(get("/img/post/cut.jpg?w=10").status()).isEqualTo(415);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/img/post/%2E%2E/secret.jpg", "/img/post/./a.jpg", "/img/..%2Fpost%2Fa.jpg"})
    void keysWithDotSegmentsAre400(String target) {
        HostResponse response = get(target);

        assertThat(response.status()).as("%s", response).isIn(400, 404);
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void signedImageUrlsAreRequiredWhenSigningIsOn() {
        HmacImageUrlSigner signing = new HmacImageUrlSigner(SECRET);
        TestHost signed = new TestHost(
                AccessLog.discarding(),
                TestHost.acceptance().toBuilder()
                        .imageDelivery(new ImageVariantPolicy(InlineLimit.LAMBDA_BYTES), true)
                        .urlSigningSecret(new String(SECRET, StandardCharsets.US_ASCII))
                        .build());
        signed.blobs().put(new BlobKey("post/a.jpg"), TestImages.jpeg(40, 40), "image/jpeg");
        TestHostClient signedClient = new TestHostClient(signed);
        String sig = signing.sign("post/a.jpg", ImageVariantRequests.signedParameters("20", null, null, null, null));

        assertThat(signedClient.send(HostRequest.get("/img/post/a.jpg?w=20")).status())
                .as("no sig")
                .isEqualTo(403);
        assertThat(signedClient
                        .send(HostRequest.get("/img/post/a.jpg?w=21&sig=" + sig))
                        .status())
                .as("other params")
                .isEqualTo(403);
        assertThat(signedClient
                        .send(HostRequest.get("/img/post/a.jpg?w=20&sig=x" + sig))
                        .status())
                .as("wrong sig")
                .isEqualTo(403);
        assertThat(signedClient
                        .send(HostRequest.get("/img/post/a.jpg?w=20&sig=" + sig))
                        .status())
                .isEqualTo(200);
        assertThat(signed.blobs().list("ProcessedImages/")).hasSize(1);
    }

    private static byte[] noisePng(int width, int height) {
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
