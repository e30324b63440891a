package dev.skyhook.hosts.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.skyhook.adapters.local.signing.HmacImageUrlSigner;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.policy.AllowedPaths;
import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.core.port.in.GetImageVariantUseCase.ImageVariant;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.events.UnsupportedEventException;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Arbitrary bytes as CloudFront origin-request events through {@link CloudFrontOriginHandler}: the
 * answer is the request rewritten to the variant's key, or a generated refusal with an error status
 * (never the request passed through: the stub never fails internally), or the event is refused
 * with an {@link UnsupportedEventException}; nothing else. Variants are answered by a stub,
 * so what is fuzzed is the event, the URI and the query string, not the image pipeline.
 * Saved inputs in {@code CloudFrontOriginHandlerFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class CloudFrontOriginHandlerFuzzTest {
    private static final String VARIANT_KEY = "ProcessedImages/post/cat-w100.jpg";
    private static final GetImageVariantUseCase VARIANTS = command -> new ImageVariant(
            BlobKey.of("key", VARIANT_KEY),
            "image/jpeg",
            1,
            1,
            Optional.empty(),
            URI.create("https://example.com/"),
            "\"e\"");
    private static final CloudFrontOriginHandler HANDLER = new CloudFrontOriginHandler(
            VARIANTS,
            Optional.of(
                    new HmacImageUrlSigner("a signing secret of 32 bytes or more".getBytes(StandardCharsets.UTF_8))),
            AllowedPaths.defaults(),
            new EmfMetrics(line -> {}, Clock.systemUTC()));
    private static PrintStream standardOut;
    private static PrintStream standardErr;

    /**
     * The handler logs one line per passed-through request, and one error line per refused event;
     * millions of them would fill the disk.
     */
    @BeforeAll
    static void silenceStandardOutAndError() {
        standardOut = System.out;
        standardErr = System.err;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void restoreStandardOutAndError() {
        System.setOut(standardOut);
        System.setErr(standardErr);
    }

    @FuzzTest
    void rewritesPassesThroughOrRefuses(byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            HANDLER.handleRequest(new ByteArrayInputStream(event), out, new TestContext());
        } catch (UnsupportedEventException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) Json.parse(out.toByteArray());
        if (answer.containsKey("status")) {
            assertThat(Integer.parseInt((String) answer.get("status"))).isBetween(400, 499);
            assertThat(answer).containsKeys("headers", "body").doesNotContainKey("uri");
            return;
        }
        assertThat(answer.get("uri")).isEqualTo("/" + VARIANT_KEY);
        assertThat(answer.get("querystring")).isEqualTo("");
    }
}
