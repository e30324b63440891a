package dev.skyhook.hosts.api.images;

import dev.skyhook.core.model.FormatPreferences;
import dev.skyhook.core.model.ImageFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a request's {@code Accept} header into the image formats the client prefers, as HTTP
 * defines it (RFC 9110, section 12.5.1), in bounded work:
 * <ul>
 *   <li>a format's weight is the {@code q} of the most specific range that names it: {@code image/webp}
 *       before {@code image/*} before {@code *}{@code /*}; no {@code q} is 1; a range named twice keeps its
 *       highest weight;</li>
 *   <li>a range that is not a media range, or whose {@code q} is not 0 to 1 with at most three decimals,
 *       is skipped (as if the client had not sent it);</li>
 *   <li>no header, or one longer than {@value #MAX_CHARACTERS} characters or with more than
 *       {@value #MAX_RANGES} ranges in all its lines, states no preference: the client gets the source's
 *       format, as it did before negotiation existed. Browsers send under 200 characters and 10 ranges.</li>
 * </ul>
 */
public final class AcceptHeader {
    public static final int MAX_CHARACTERS = 4096;
    public static final int MAX_RANGES = 64;

    /** RFC 9110 tokens for type and subtype. */
    private static final Pattern MEDIA_RANGE = Pattern.compile("[!#$%&'*+.^_`|~0-9a-z-]+/[!#$%&'*+.^_`|~0-9a-z-]+");

    private static final Pattern WEIGHT = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private AcceptHeader() {}

    /** The preferences the {@code Accept} lines {@code values} state (a header sent twice is one list). */
    public static FormatPreferences preferences(List<String> values) {
        if (values.isEmpty()) {
            return FormatPreferences.none();
        }
        long characters = 0;
        for (String value : values) {
            characters += value.length() + 1;
        }
        if (characters > MAX_CHARACTERS + 1) {
            return FormatPreferences.none();
        }
        String header = String.join(",", values);
        String[] ranges = header.split(",", MAX_RANGES + 2);
        if (ranges.length > MAX_RANGES) {
            return FormatPreferences.none();
        }
        Map<ImageFormat, Integer> named = new EnumMap<>(ImageFormat.class);
        int imageWildcard = -1;
        int anyWildcard = -1;
        for (String range : ranges) {
            String[] parts = range.split(";", -1);
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue; // an empty element of the list ("a,,b") is allowed and means nothing
            }
            Optional<Integer> weight = weight(parts);
            if (!MEDIA_RANGE.matcher(type).matches() || weight.isEmpty()) {
                continue;
            }
            int q = weight.get();
            if (type.equals("*/*")) {
                anyWildcard = Math.max(anyWildcard, q);
            } else if (type.equals("image/*")) {
                imageWildcard = Math.max(imageWildcard, q);
            } else {
                format(type).ifPresent(format -> named.merge(format, q, Math::max));
            }
        }
        int others = imageWildcard >= 0 ? imageWildcard : Math.max(anyWildcard, 0);
        return new FormatPreferences(named, others);
    }

    /** The weight in thousandths from a range's parameters (the first {@code q}); empty when it is malformed. */
    private static Optional<Integer> weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals < 0 || !parameter.substring(0, equals).strip().equalsIgnoreCase("q")) {
                continue;
            }
            String value = parameter.substring(equals + 1).strip();
            if (!WEIGHT.matcher(value).matches()) {
                return Optional.empty();
            }
            String decimals = value.length() > 2 ? value.substring(2) : "";
            return Optional.of((value.charAt(0) - '0') * FormatPreferences.MAX_WEIGHT
                    + (decimals.isEmpty() ? 0 : Integer.parseInt((decimals + "00").substring(0, 3))));
        }
        return Optional.of(FormatPreferences.MAX_WEIGHT);
    }

    private static Optional<ImageFormat> format(String mediaType) {
        if (mediaType.equals("image/heic")) {
            return Optional.of(ImageFormat.HEIF); // the name Apple's clients send
        }
        for (ImageFormat format : ImageFormat.values()) {
            if (format.mediaType().equals(mediaType)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
