package dev.skyhook.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobKey;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FileQuotaTest {
    private static final BlobKey NAME = new BlobKey("reports/q3.pdf");
    private final FileQuota quota = new FileQuota(100, 3);

    private static FileQuota.Usage used(long files, long bytes) {
        return new FileQuota.Usage(files, bytes);
    }

    private void admitted(FileQuota.Usage used, OptionalLong replaced, long length) {
        assertThatCode(() -> quota.admit(used, replaced, length, NAME)).doesNotThrowAnyException();
    }

    private void refused(FileQuota.Usage used, OptionalLong replaced, long length, String saying) {
        assertThatThrownBy(() -> quota.admit(used, replaced, length, NAME))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                    assertThat(e.getMessage())
                            .startsWith("File quota exceeded")
                            .contains(saying)
                            .contains("Nothing was stored");
                });
    }

    @Test
    void aNewFileFitsUpToBothLimitsExactly() {
        admitted(used(0, 0), OptionalLong.empty(), 100);
        admitted(used(2, 60), OptionalLong.empty(), 40);
        admitted(used(2, 100), OptionalLong.empty(), 0);
    }

    @Test
    void aNewFileOneByteOverTheBytesIsRefusedNamingTheLimit() {
        refused(used(2, 60), OptionalLong.empty(), 41, "at most 100 bytes");
        refused(used(0, 0), OptionalLong.empty(), 101, "101 bytes");
    }

    @Test
    void aNewFileBeyondTheCountIsRefusedEvenWhenEmpty() {
        refused(used(3, 0), OptionalLong.empty(), 0, "would make 4 files");
    }

    @Test
    void replacingCountsTheDifferenceNotBothFiles() {
        // 3 files, 90 bytes, one of them 50: replacing it with 60 makes 100, not 150, and still 3 files.
        admitted(used(3, 90), OptionalLong.of(50), 60);
        refused(used(3, 90), OptionalLong.of(50), 61, "would bring your files to 101 bytes");
    }

    @Test
    void anOwnerOverALoweredLimitMayStillShrinkButNotGrow() {
        admitted(used(3, 150), OptionalLong.of(80), 10);
        admitted(used(3, 150), OptionalLong.of(80), 80);
        refused(used(3, 150), OptionalLong.of(80), 81, "at most 100 bytes");
    }

    @Test
    void aListingCutOffPastTheCountRefusesEverything() {
        refused(used(4, 10), OptionalLong.of(5), 1, "more than 3 files");
    }

    @Test
    void limitsAreCheckedWhenConfigured() {
        assertThat(FileQuota.defaults()).isEqualTo(new FileQuota(1024L * 1024 * 1024, 1000));
        assertThatThrownBy(() -> new FileQuota(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileQuota(10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileQuota(10, FileQuota.MAX_FILES_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileQuota.Usage(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
