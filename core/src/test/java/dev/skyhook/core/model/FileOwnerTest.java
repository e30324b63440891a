package dev.skyhook.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileOwnerTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice",
                "../x",
                "..",
                "a/b",
                "/etc",
                "a\\b",
                "nul\u0000name",
                "new\nline\r",
                "esc\u001b[31m",
                "line\u2028sep",
                "김민준",
                "🦄 unicorn",
                "cafe\u0301",
                " padded ",
                "files/other",
                "%2e%2e%2f"
            })
    void anyNameBecomesOneSafeSegmentUnderFiles(String username) {
        FileOwner owner = FileOwner.of(username);

        assertThat(owner.segment()).matches("[0-9a-f]{64}");
        assertThat(owner.keyPrefix()).isEqualTo("files/" + owner.segment() + "/");
        assertThat(owner.keyOf(new BlobKey("reports/q3.pdf")).value()).isEqualTo(owner.keyPrefix() + "reports/q3.pdf");
        assertThat(owner.username()).isEqualTo(username);
    }

    @Test
    void aVeryLongNameStillMakesA64CharacterSegment() {
        FileOwner owner = FileOwner.of("u".repeat(100_000));

        assertThat(owner.keyPrefix().length()).isEqualTo(FileOwner.KEY_PREFIX_BYTES);
    }

    @Test
    void theSegmentIsTheSha256OfTheNamesUtf8Bytes() {
        // printf %s alice | sha256sum
        assertThat(FileOwner.of("alice").segment())
                .isEqualTo("2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90");
    }

    @Test
    void namesThatWouldMeetInANaiveKeyGetDistinctSegments() {
        // files/a/b + "c" and files/a + "b/c" are one key when the name is used as it is.
        List<String> names = List.of("a", "a/b", "a/", "A", "cafe\u0301", "caf\u00e9", "x", "x\u0000", "../x", "x/..");
        Set<String> segments = new HashSet<>();
        for (String name : names) {
            segments.add(FileOwner.of(name).segment());
        }
        assertThat(segments).hasSameSizeAs(names);
        assertThat(FileOwner.of("a")).isEqualTo(FileOwner.of("a")).isNotEqualTo(FileOwner.of("A"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankNameOwnsNothing(String username) {
        assertThatThrownBy(() -> FileOwner.of(username))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("user"));
    }

    @Test
    void aLoneSurrogateIsRefusedRatherThanSharingTheSegmentOfAQuestionMark() {
        for (String name : List.of("a\uD800", "a\uDC00", "\uDC00\uD800")) {
            assertThatThrownBy(() -> FileOwner.of(name))
                    .as(name)
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.field()).contains("user"));
        }
        assertThat(FileOwner.of("a\uD83E\uDD84").segment())
                .isNotEqualTo(FileOwner.of("a?").segment());
    }

    @Test
    void printsTheSegmentNotTheName() {
        assertThat(FileOwner.of("evil\nname").toString())
                .doesNotContain("evil")
                .contains(FileOwner.of("evil\nname").segment());
    }
}
