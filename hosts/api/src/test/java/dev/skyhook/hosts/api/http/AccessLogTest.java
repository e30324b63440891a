package dev.skyhook.hosts.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AccessLogTest {
    /** What API Gateway writes for {@code $context.requestTime}, as the JDK formats it. */
    private static final DateTimeFormatter API_GATEWAY = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    @Test
    void requestTimeIsApiGatewaysFormatInUtc() {
        assertThat(AccessLog.requestTime(Instant.parse("2026-11-22T05:02:03.999Z")))
                .isEqualTo("22/Nov/2026:05:02:03 +0000");
        assertThat(AccessLog.requestTime(Instant.parse("2027-01-01T00:00:00Z")))
                .isEqualTo("01/Jan/2027:00:00:00 +0000");
        assertThat(AccessLog.requestTime(Instant.parse("1999-12-31T23:59:59Z")))
                .isEqualTo("31/Dec/1999:23:59:59 +0000");
    }

    @Test
    void requestTimeMatchesTheJdkFormatterOnRandomInstants() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    random.nextLong(0, Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()),
                    random.nextInt(1_000_000_000));
            assertThat(AccessLog.requestTime(instant)).as(instant.toString()).isEqualTo(API_GATEWAY.format(instant));
        }
    }
}
