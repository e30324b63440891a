package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.FormatPreferences;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantFormat;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.port.in.GetImageVariantCommand;
import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.core.port.in.GetImageVariantUseCase.ImageVariant;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The origin-request function reads {@code accept} as {@code GET /img} reads {@code Accept}: format negotiation on CloudFront's event. */
class CloudFrontOriginHandlerTest {
    private static final Set<ImageFormat> NATIVE =
            EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.AVIF);

    /** Answers with the key the service would store: the format chosen as the service chooses, for a JPEG source. */
    private static final class Variants implements GetImageVariantUseCase {
        private final Set<ImageFormat> encodable;
        private GetImageVariantCommand seen;

        Variants(Set<ImageFormat> encodable) {
            this.encodable = encodable;
        }

        @Override
        public ImageVariant variant(GetImageVariantCommand command) {
            seen = command;
            ImageFormat format = switch (command.format()) {
                case VariantFormat.Exactly(ImageFormat exactly) -> exactly;
                case VariantFormat.Negotiated(FormatPreferences preferences) ->
                    preferences.choose(ImageFormat.JPEG, encodable);
            };
            return new ImageVariant(
                    new BlobKey("ProcessedImages/" + command.source().value() + "/w1-h1-q90." + format.extension()),
                    format.mediaType(),
                    1,
                    1,
                    Optional.empty(),
                    URI.create("https://example.com/"),
                    "\"e\"");
        }

        @Override
        public Set<ImageFormat> outputFormats() {
            return encodable;
        }
    }

    private static CloudFrontOriginHandler handler(Variants variants) {
        return new CloudFrontOriginHandler(
                variants, Optional.empty(), AllowedPaths.defaults(), new EmfMetrics(line -> {}, Clock.systemUTC()));
    }

    private static Map<String, Object> request(String querystring, Object headers) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uri", "/post/cat.jpg");
        request.put("querystring", querystring);
        request.put("headers", headers);
        return request;
    }

    private static Map<String, Object> accept(String... values) {
        return Map.of(
                "accept",
                List.of(values).stream()
                        .map(value -> Map.of("key", "Accept", "value", value))
                        .toList());
    }

    @Test
    void theAcceptHeaderChoosesTheStoredVariantsFormat() {
        Variants variants = new Variants(NATIVE);

        Map<String, Object> avif = handler(variants).answer(request("w=1", accept("image/avif,image/webp,*/*")));
        Map<String, Object> webp = handler(variants).answer(request("w=1", accept("image/avif;q=0", "image/webp")));
        Map<String, Object> jpeg = handler(variants).answer(request("w=1", Map.of()));

        assertThat(avif).containsEntry("uri", "/ProcessedImages/post/cat.jpg/w1-h1-q90.avif");
        assertThat(webp).containsEntry("uri", "/ProcessedImages/post/cat.jpg/w1-h1-q90.webp");
        assertThat(jpeg).containsEntry("uri", "/ProcessedImages/post/cat.jpg/w1-h1-q90.jpg");
        assertThat(variants.seen.format()).isEqualTo(VariantFormat.bestFor(FormatPreferences.none()));
    }

    @Test
    void headersNotInCloudFrontsShapeAreNoAcceptHeader() {
        Variants variants = new Variants(NATIVE);

        for (Object headers : new Object[] {
            null,
            "accept",
            List.of(),
            Map.of("accept", "image/avif"),
            Map.of("accept", List.of("image/avif")),
            Map.of("accept", List.of(Map.of("key", "Accept", "value", 5)))
        }) {
            Map<String, Object> request = request("w=1", headers);

            assertThat(handler(variants).answer(request))
                    .as("%s", headers)
                    .containsEntry("uri", "/ProcessedImages/post/cat.jpg/w1-h1-q90.jpg");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFormatTheCodecCannotEncodeIsRefusedAs400NamingFmt() {
        Map<String, Object> answer = handler(new Variants(EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG)))
                .answer(request("fmt=avif", accept("image/avif")));

        assertThat(answer).containsEntry("status", "400").doesNotContainKey("uri");
        Map<String, Object> body =
                (Map<String, Object>) Json.parse(((String) answer.get("body")).getBytes(StandardCharsets.UTF_8));
        assertThat(body).containsEntry("field", "fmt");
        assertThat((String) body.get("error")).contains("fmt=avif is not available");
    }
}
