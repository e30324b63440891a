package dev.skyhook.hosts.lambda.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.json.JsonSyntaxException;
import java.util.List;
import java.util.Map;

/**
 * Arbitrary JSON bytes as S3 event notifications: the created objects, each with a bucket and a key,
 * or an {@link UnsupportedEventException}; nothing else. Saved inputs in
 * {@code S3EventsFuzzTestInputs/} run as regression tests under {@code mvn test}.
 */
class S3EventsFuzzTest {
    @FuzzTest
    @SuppressWarnings("unchecked")
    void createdObjectsOrRefusal(byte[] json) {
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (JsonSyntaxException e) {
            return;
        }
        if (!(parsed instanceof Map)) {
            return;
        }
        List<S3Events.CreatedObject> created;
        try {
            created = S3Events.createdObjects((Map<String, Object>) parsed);
        } catch (UnsupportedEventException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        for (S3Events.CreatedObject object : created) {
            assertThat(object.bucket()).isNotNull();
            assertThat(object.key()).isNotNull();
        }
    }
}
