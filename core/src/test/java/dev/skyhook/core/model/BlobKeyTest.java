package dev.skyhook.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobKeyTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "../etc/passwd",
                "/abs",
                "a/../../b",
                "a\\b",
                "a//b",
                "a/./b",
                "a/",
                "nul\u0000",
                "line\nbreak",
                "..",
                "."
            })
    void refusesUnsafeKeys(String value) {
        assertThatThrownBy(() -> BlobKey.of("filename", value))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("filename"));
    }

    @Test
    void refusesKeysOverS3sLimit() {
        assertThatThrownBy(() -> new BlobKey("a".repeat(1025))).isInstanceOf(DomainException.class);
        assertThat(new BlobKey("a".repeat(1024)).value()).hasSize(1024);
        assertThatThrownBy(() -> new BlobKey("김".repeat(342))).isInstanceOf(DomainException.class);
    }

    @Test
    void normalisesToNfc() {
        assertThat(new BlobKey("cafe\u0301.txt").value()).isEqualTo("caf\u00e9.txt");
    }

    @Test
    void acceptsOrdinaryKeys() {
        assertThat(new BlobKey("post/3f2a.jpg").value()).isEqualTo("post/3f2a.jpg");
        assertThat(new BlobKey("reports/2026 Q3 (final).pdf").value()).isEqualTo("reports/2026 Q3 (final).pdf");
    }
}
