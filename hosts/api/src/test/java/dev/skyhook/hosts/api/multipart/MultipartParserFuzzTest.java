package dev.skyhook.hosts.api.multipart;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.skyhook.hosts.api.http.ApiRequest;
import dev.skyhook.hosts.api.http.Body;
import dev.skyhook.hosts.api.http.Headers;
import dev.skyhook.hosts.api.http.HttpError;
import dev.skyhook.hosts.api.http.RequestContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arbitrary multipart requests: the parser either returns a form within its limits or refuses with
 * a 400, 413 or 415 {@link HttpError}; nothing else may escape, and a body within the size limit gets
 * the same answer read from memory and read as a stream of unknown length.
 *
 * <p>An input is the {@code Content-Type} header, a newline, then the body, so saved inputs stay readable.
 * Saved inputs in {@code MultipartParserFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class MultipartParserFuzzTest {
    /** Small limits so that the fuzzer reaches every one of them with short inputs. */
    private static final MultipartLimits LIMITS = new MultipartLimits(64, 512, 4, 32);

    private static final Set<Integer> DESIGNED_STATUSES = Set.of(400, 413, 415);
    private static final RequestContext CONTEXT = RequestContext.of("fuzz", "198.51.100.1", Instant.EPOCH);

    @FuzzTest
    void parsesWithinLimitsOrRefuses(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        String contentType = new String(input, 0, newline, StandardCharsets.UTF_8).strip();
        byte[] body = newline < input.length ? Arrays.copyOfRange(input, newline + 1, input.length) : new byte[0];

        Outcome inMemory = parse(contentType, Body.of(body));
        Outcome streamed = parse(contentType, Body.streamed(new ByteArrayInputStream(body), -1));
        if (body.length <= LIMITS.maxBodyBytes()) {
            assertThat(streamed.status()).as("streamed vs in-memory status").isEqualTo(inMemory.status());
        }
        // An oversized body in memory is refused by its length at once; a stream of unknown length only
        // once the limit is read, so a malformed part (400) or the closing boundary may come first.
    }

    private static Outcome parse(String contentType, Body content) {
        ApiRequest request = new ApiRequest(
                "POST",
                "/upload",
                Map.of(),
                Headers.builder().add("Content-Type", contentType).build(),
                content,
                CONTEXT);
        MultipartForm form;
        try {
            form = MultipartParser.parse(request, LIMITS);
        } catch (HttpError e) {
            assertThat(DESIGNED_STATUSES).contains(e.status());
            assertThat(e.getMessage()).isNotBlank();
            return new Outcome(e.status());
        }
        int parts = form.files().size()
                + form.fields().values().stream().mapToInt(List::size).sum();
        assertThat(parts).isLessThanOrEqualTo(LIMITS.maxParts());
        for (FilePart file : form.files()) {
            assertThat((long) file.content().length).isLessThanOrEqualTo(LIMITS.maxFileBytes());
        }
        for (List<String> values : form.fields().values()) {
            for (String value : values) {
                // Each byte decodes to at most one UTF-16 unit (bad bytes become U+FFFD), so chars <= bytes.
                assertThat(value.length()).isLessThanOrEqualTo(LIMITS.maxFieldBytes());
            }
        }
        return new Outcome(200);
    }

    private static int indexOf(byte[] input, byte wanted) {
        for (int i = 0; i < input.length; i++) {
            if (input[i] == wanted) {
                return i;
            }
        }
        return input.length;
    }

    private record Outcome(int status) {}
}
