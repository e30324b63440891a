package dev.skyhook.hosts.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.skyhook.hosts.api.http.HttpError;
import java.util.Set;

/**
 * Arbitrary bytes into the JSON reader: a value or a {@link JsonSyntaxException}, nothing else; what
 * it accepts writes out as text that reads back to the same text. {@link JsonObject} refuses with a 400
 * {@link HttpError} naming the field, whatever the document. Saved inputs in
 * {@code JsonFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class JsonFuzzTest {
    private static final Set<String> FIELDS = Set.of("name", "age", "count", "ratio", "inner");

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

    @FuzzTest
    void objectFieldsAreReadOrRefusedAs400(byte[] body) {
        try {
            JsonObject object = JsonObject.parse(body, FIELDS);
            String name = object.requiredString("name");
            int age = object.requiredInt("age", "age must be an int");
            long count = object.requiredLong("count", "count must be a long");
            double ratio = object.requiredNumber("ratio", "ratio must be a number");
            JsonObject inner = object.requiredObject("inner", FIELDS);
            inner.requiredString("name");
            assertThat(name).isNotNull();
            assertThat((long) age).isBetween((long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE);
            assertThat(count).isNotNull();
            assertThat(Double.isNaN(ratio)).isFalse();
        } catch (HttpError e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.field()).isPresent();
            assertThat(e.getMessage()).isNotBlank();
        }
    }
}
