package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.adapters.aws.testing.MariaDbServer;
import dev.skyhook.adapters.local.signing.HmacImageUrlSigner;
import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.core.testdata.TestImages;
import dev.skyhook.hosts.api.images.ImageVariantRequests;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.UnsupportedEventException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The origin-request function on CloudFront's own event shape, with the bucket on S3Proxy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudFrontOriginHandlerIT {
    private TestDeployment deployment;
    private CloudFrontOriginHandler function;

    @BeforeAll
    void deploy() throws Exception {
        deployment = TestDeployment.on(MariaDbServer.shared().createDatabase("cloudfront"));
        function = new CloudFrontOriginHandler(deployment.graph());
    }

    private String storedJpeg(byte[] content) {
        String key = "post/" + UUID.randomUUID() + ".jpg";
        deployment.blobs().put(new BlobKey(key), content, "image/jpeg");
        return key;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fixture(String uri, String querystring) throws Exception {
        try (InputStream in =
                CloudFrontOriginHandlerIT.class.getResourceAsStream("/events/cloudfront/origin-request.json")) {
            Map<String, Object> event = (Map<String, Object>) Json.parse(in.readAllBytes());
            Map<String, Object> request = request(event);
            request.put("uri", uri);
            request.put("querystring", querystring);
            return event;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> request(Map<String, Object> event) {
        Map<String, Object> record = (Map<String, Object>) ((java.util.List<Object>) event.get("Records")).get(0);
        return (Map<String, Object>) ((Map<String, Object>) record.get("cf")).get("request");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> invoke(CloudFrontOriginHandler handler, Map<String, Object> event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.write(event)), out, new TestContext());
        return (Map<String, Object>) Json.parse(out.toByteArray());
    }

    @Test
    void theRequestIsRewrittenToTheStoredVariant() throws Exception {
        String key = storedJpeg(TestImages.jpegWithOrientation(400, 200, 8));
        Map<String, Object> event = fixture("/" + key, "w=100&fit=inside"); // snaps up to the listed 128

        Map<String, Object> answer = invoke(function, event);

        String variantKey = "ProcessedImages/" + key + "/w128-h256-q90.jpg";
        assertThat(answer).containsEntry("uri", "/" + variantKey).containsEntry("querystring", "");
        assertThat(answer.get("headers")).isEqualTo(request(event).get("headers"));
        assertThat(answer.get("origin")).isEqualTo(request(event).get("origin"));
        try (BlobContent stored =
                deployment.blobs().open(new BlobKey(variantKey)).orElseThrow()) {
            assertThat(stored.info().contentType()).isEqualTo("image/jpeg");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(stored.readAllBytes()));
            assertThat(image.getWidth()).isEqualTo(128);
            assertThat(image.getHeight()).isEqualTo(256); // orientation 8: upright it is 200x400
        }
    }

    @Test
    void theOriginalsPlainRequestIsAQuality90ReEncode() throws Exception {
        String key = storedJpeg(TestImages.jpeg(64, 48));

        Map<String, Object> answer = invoke(function, fixture("/" + key, ""));

        assertThat(answer).containsEntry("uri", "/ProcessedImages/" + key + "/w64-h48-q90.jpg");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBrowsersAcceptHeaderGetsTheBestFormatThisCodecMakesAndFmtItCannotIsRefused() throws Exception {
        String key = storedJpeg(TestImages.jpeg(64, 48));
        Map<String, Object> event = fixture("/" + key, "w=16");
        ((Map<String, Object>) request(event).get("headers"))
                .put(
                        "accept",
                        java.util.List.of(Map.of(
                                "key", "Accept", "value", "image/avif,image/webp,image/apng,image/*,*/*;q=0.8")));

        Map<String, Object> answer = invoke(function, event);
        Map<String, Object> named = invoke(function, fixture("/" + key, "w=16&fmt=avif"));

        // AVIF, then WebP, where the codec encodes them (libvips); the pure-Java codec encodes neither: the source's
        // format.
        java.util.Set<dev.skyhook.core.model.ImageFormat> encodable =
                deployment.graph().assembly().imageCodec().outputFormats();
        boolean avif = encodable.contains(dev.skyhook.core.model.ImageFormat.AVIF);
        String best = avif ? "avif" : encodable.contains(dev.skyhook.core.model.ImageFormat.WEBP) ? "webp" : "jpg";
        assertThat(answer).containsEntry("uri", "/ProcessedImages/" + key + "/w16-h12-q90." + best);
        if (avif) {
            assertThat(named).containsEntry("uri", "/ProcessedImages/" + key + "/w16-h12-q90.avif");
        } else {
            assertThat(named).containsEntry("status", "400").doesNotContainKey("uri");
        }
    }

    @Test
    void aKeyWithSpacesIsDecodedAndTheRewrittenUriEncoded() throws Exception {
        String key = "post/with space " + UUID.randomUUID() + ".jpg";
        deployment.blobs().put(new BlobKey(key), TestImages.jpeg(20, 20), "image/jpeg");

        Map<String, Object> answer = invoke(function, fixture("/" + key.replace(" ", "%20"), "w=10"));

        assertThat((String) answer.get("uri"))
                .startsWith("/ProcessedImages/post/with%20space%20")
                .endsWith(".jpg/w16-h16-q90.jpg");
    }

    @ParameterizedTest
    @CsvSource({
        "missing, 404",
        "not-an-image, 415",
        "w=0, 400",
        "fit=stretch, 400",
        "variant, 400",
        "dotdot, 400",
        "private, 404",
        "malformed, 400",
        "w twice, 400"
    })
    @SuppressWarnings("unchecked")
    void aRefusalIsAnsweredWithItsStatusAndNeverReachesTheBucket(String problem, int status) throws Exception {
        String key = storedJpeg(TestImages.jpeg(20, 20));
        String uri = "/" + key;
        String query = "w=10";
        switch (problem) {
            case "missing" -> uri = "/post/" + UUID.randomUUID() + ".jpg";
            case "not-an-image" -> deployment.blobs().put(new BlobKey(key), TestImages.html(), "image/jpeg");
            case "w=0" -> query = "w=0";
            case "fit=stretch" -> query = "fit=stretch";
            case "variant" -> uri = "/ProcessedImages/" + key + "/w10-hauto-inside-q90.jpg";
            case "private" -> {
                uri = "/files/" + UUID.randomUUID() + ".jpg";
                deployment.blobs().put(new BlobKey(uri.substring(1)), TestImages.jpeg(20, 20), "image/jpeg");
            }
            case "malformed" -> uri = "/post/%zz.jpg";
            case "w twice" -> query = "w=10&w=20";
            default -> uri = "/post/../" + key;
        }

        Map<String, Object> answer = invoke(function, fixture(uri, query));

        assertThat(answer)
                .containsEntry("status", Integer.toString(status))
                .containsKeys("statusDescription", "headers", "body")
                .doesNotContainKeys("uri", "origin");
        assertThat((Map<String, Object>) answer.get("headers"))
                .containsKeys("content-type", "cache-control", "x-content-type-options");
        assertThat((Map<String, Object>) Json.parse(((String) answer.get("body")).getBytes(StandardCharsets.UTF_8)))
                .containsKey("error");
    }

    @Test
    void anInternalFailurePassesAPublicOriginalThroughAndRefusesAnythingElse() throws Exception {
        GetImageVariantUseCase storeDown = command -> {
            throw new DomainException(ErrorCode.STORE_UNAVAILABLE, "the image store is unreachable");
        };
        CloudFrontOriginHandler failing = new CloudFrontOriginHandler(
                storeDown,
                Optional.empty(),
                AllowedPaths.defaults(),
                deployment.graph().metrics());
        GetImageVariantUseCase broken = command -> {
            throw new IllegalStateException("a bug");
        };
        CloudFrontOriginHandler buggy = new CloudFrontOriginHandler(
                broken,
                Optional.empty(),
                AllowedPaths.defaults(),
                deployment.graph().metrics());
        Map<String, Object> publicImage = fixture("/post/cat.jpg", "w=10");
        Map<String, Object> privateFile = fixture("/files/report.pdf", "w=10");

        assertThat(invoke(failing, publicImage)).isEqualTo(request(publicImage));
        assertThat(invoke(buggy, publicImage)).isEqualTo(request(publicImage));
        assertThat(invoke(buggy, privateFile)).containsEntry("status", "503").doesNotContainKey("uri");
    }

    @Test
    void signedUrlsAreCheckedWhenSigningIsOn() throws Exception {
        HmacImageUrlSigner signing =
                new HmacImageUrlSigner("a-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8));
        CloudFrontOriginHandler signed = new CloudFrontOriginHandler(
                deployment.graph().assembly().imageVariants(),
                Optional.of(signing),
                AllowedPaths.defaults(),
                deployment.graph().metrics());
        String key = storedJpeg(TestImages.jpeg(20, 20));
        String sig = signing.sign(key, ImageVariantRequests.signedParameters("10", null, null, null, null));

        assertThat(invoke(signed, fixture("/" + key, "w=10")))
                .containsEntry("status", "403")
                .doesNotContainKey("uri");
        assertThat(invoke(signed, fixture("/" + key, "w=10&sig=" + sig.substring(1) + "A")))
                .containsEntry("status", "403");
        assertThat(invoke(signed, fixture("/" + key, "w=10&sig=" + sig)).get("uri"))
                .isEqualTo("/ProcessedImages/" + key + "/w16-h16-q90.jpg");
    }

    @Test
    void anEventThatIsNotFromCloudFrontIsRefused() {
        assertThatThrownBy(() -> function.handleRequest(
                        new ByteArrayInputStream("{\"httpMethod\":\"GET\"}".getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(),
                        new TestContext()))
                .isInstanceOf(UnsupportedEventException.class);
    }
}
