package dev.skyhook.hosts.api.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InlineLimitTest {
    @Test
    void limitsLeaveRoomForBase64AndHeaders() {
        assertThat(InlineLimit.LAMBDA_BYTES * 4 / 3).isLessThan(6L * 1024 * 1024 - 4096);
        assertThat(InlineLimit.parse(null)).isEqualTo(InlineLimit.LAMBDA_BYTES);
        assertThat(InlineLimit.parse(" lambda ")).isEqualTo(InlineLimit.LAMBDA_BYTES);
        assertThat(InlineLimit.parse("edge") * 4 / 3).isLessThan(1024L * 1024 - 4096);
        assertThat(InlineLimit.parse("12345")).isEqualTo(12345);
    }

    @Test
    void anythingElseIsRefusedNamingTheVariable() {
        for (String bad : new String[] {"huge", "0", "-5", "1e6"}) {
            assertThatThrownBy(() -> InlineLimit.parse(bad)).hasMessageContaining("IMAGE_INLINE_LIMIT");
        }
    }
}
