package dev.skyhook.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RideTest {
    private static final Unicorn SHADOWFAX = new Unicorn("Shadowfax", "White", "Male");

    @Test
    void requestTimeIsWrittenAsJavaScriptsToIsoString() {
        assertThat(new Ride("id", "r", SHADOWFAX, Instant.parse("2026-11-22T05:02:03Z")).requestTimeText())
                .isEqualTo("2026-11-22T05:02:03.000Z");
        assertThat(new Ride("id", "r", SHADOWFAX, Instant.parse("2026-11-22T05:02:03.123456Z")).requestTimeText())
                .isEqualTo("2026-11-22T05:02:03.123Z");
    }

    @Test
    void requestTimeKeepsMillisecondsOnly() {
        assertThat(new Ride("id", "r", SHADOWFAX, Instant.parse("2026-11-22T05:02:03.123999Z")).requestTime())
                .isEqualTo(Instant.parse("2026-11-22T05:02:03.123Z"));
    }
}
