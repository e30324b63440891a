package dev.skyhook.hosts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary bytes into the JSON reader: a value or a {@link JsonSyntaxException}, nothing else; what
 * it accepts writes out as text that reads back to the same text. Saved inputs in
 * {@code JsonFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class JsonFuzzTest {
    @FuzzTest
    void parsesOrRefusesAndRoundTrips(byte[] document) {
        Object value;
        try {
            value = Json.parse(document);
        } catch (JsonSyntaxException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        // JSON has one number type: -87e-0 reads as a BigDecimal and writes as -87, which reads as an
        // Integer. So the property is on the text: writing what was read back gives the same bytes.
        byte[] written = Json.write(value);
        assertThat(Json.write(Json.parse(written))).isEqualTo(written);
    }

    /**
     * The reader and writer against the Jackson-based reference they replaced: the same verdict on
     * every document, the same value, the same bytes written. Three differences are the reference's:
     * it accepts some documents with NUL bytes (the reader refuses every one), refuses some escaped
     * surrogates in field names, and cannot write an unpaired surrogate (the writer escapes it).
     */
    @FuzzTest
    void readsAndWritesAsTheJacksonReference(byte[] document) {
        Object value;
        try {
            value = Json.parse(document);
        } catch (JsonSyntaxException e) {
            if (containsNul(document)) {
                // No JSON holds a NUL byte, but Jackson may read one as the end of the input ("4\0" is 4) or,
                // among the first four bytes, take the document for UTF-16 or UTF-32 ("\0" "1" is 1).
                return;
            }
            assertThatThrownBy(() -> JacksonJson.parse(document))
                    .as("the reference's verdict on a document the reader refused (%s)", e.getMessage())
                    .isInstanceOf(JsonSyntaxException.class);
            return;
        }
        Object reference;
        try {
            reference = JacksonJson.parse(document);
        } catch (JsonSyntaxException referenceRefused) {
            // Jackson refuses escaped surrogates in some field names: unpaired ones (which it accepts in
            // values), and even a pair ("\ud83d\ude08", one emoji) where the name falls in its buffers.
            assertThat(referenceRefused.getMessage())
                    .containsIgnoringCase("surrogate")
                    .contains("field name");
            return;
        }
        assertThat(value).isEqualTo(reference);
        byte[] referenceWritten;
        try {
            referenceWritten = JacksonJson.write(reference);
        } catch (UncheckedIOException e) {
            return;
        }
        assertThat(new String(Json.write(value), StandardCharsets.UTF_8))
                .isEqualTo(new String(referenceWritten, StandardCharsets.UTF_8));
    }

    private static boolean containsNul(byte[] document) {
        for (byte b : document) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
