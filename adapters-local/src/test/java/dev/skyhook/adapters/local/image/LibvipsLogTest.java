package dev.skyhook.adapters.local.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.port.out.ImageCodec;
import org.junit.jupiter.api.Test;

class LibvipsLogTest {
    @Test
    void libvipsWarningsReachTheHandlerInsteadOfStderr() {
        ImageCodec codec = LibvipsImageCodecTest.libvips();
        int[][] levels = new int[16][16];
        byte[] twelveBit = LosslessJpeg.grey(12, levels); // libvips warns "error in tile" as it refuses it
        long before = LibvipsLog.received();

        assertThatThrownBy(() -> codec.render(
                        twelveBit, 1, new VariantSpec(16, 16, 16, 16, 90, ImageFormat.PNG), Deadline.none()))
                .isInstanceOf(DomainException.class);

        assertThat(LibvipsLog.received()).isGreaterThan(before);
    }

    @Test
    void atMostTheBoundIsLoggedAWindowAndWhatWasLeftOutIsCounted() {
        LibvipsLog.Window window = new LibvipsLog.Window(3, 60_000);

        assertThat(window.admit(0)).isZero();
        assertThat(window.admit(1)).isZero();
        assertThat(window.admit(2)).isZero();
        assertThat(window.admit(3)).isEqualTo(-1);
        assertThat(window.admit(59_999)).isEqualTo(-1);
        assertThat(window.admit(60_000))
                .as("a new window: the two left out are counted")
                .isEqualTo(2);
        assertThat(window.admit(60_001)).isZero();
    }
}
