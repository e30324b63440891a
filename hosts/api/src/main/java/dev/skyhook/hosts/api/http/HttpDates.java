package dev.skyhook.hosts.api.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** HTTP dates ({@code Last-Modified}, {@code Expires}, {@code If-Modified-Since}): IMF-fixdate, RFC 9110 5.6.7. */
public final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpDates() {}

    /** {@code Sun, 06 Nov 1994 08:49:37 GMT}; HTTP dates have whole seconds. */
    public static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** The date a client sent, or empty when it is not one (the header is then ignored, as RFC 9110 says). */
    public static Optional<Instant> parse(String value) {
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip())));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
