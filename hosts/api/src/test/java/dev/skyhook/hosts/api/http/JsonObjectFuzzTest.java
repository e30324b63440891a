package dev.skyhook.hosts.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Set;

/**
 * Arbitrary bytes as a request body: {@link JsonObject} reads known fields of known types or refuses
 * with a 400 {@link HttpError} naming the field, whatever the document. Saved inputs in
 * {@code JsonObjectFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class JsonObjectFuzzTest {
    private static final Set<String> FIELDS = Set.of("name", "age", "count", "ratio", "inner");

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
