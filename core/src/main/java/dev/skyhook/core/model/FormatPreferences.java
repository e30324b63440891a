package dev.skyhook.core.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How much a client wants each image format: a weight from 0 (refused) to 1000 for each format it
 * names itself, and the weight every other format gets (what a client's "any image" gives, 0 when
 * it gives nothing). A client that states nothing takes anything.
 *
 * <p>The choice ({@link #choose}) offers AVIF, then WebP, then the source's own format: AVIF and WebP
 * only when the client names them itself with a weight above 0 (a wildcard is no promise that an old
 * client decodes them) and the codec encodes them. Of those offered, the one with the highest weight
 * wins; equal weights go to the earlier (smaller) one. The source's format is the last resort even
 * when the client gives it no weight: the URL names that image, and an answer beats none.
 */
public record FormatPreferences(Map<ImageFormat, Integer> named, int others) {
    public static final int MAX_WEIGHT = 1000;
    /** The formats offered before the source's own, in order. */
    public static final List<ImageFormat> PREFERRED = List.of(ImageFormat.AVIF, ImageFormat.WEBP);

    public FormatPreferences {
        named = named.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(named));
        named.values().forEach(FormatPreferences::checkWeight);
        checkWeight(others);
    }

    /** A client that states no preference: the source's format. */
    public static FormatPreferences none() {
        return new FormatPreferences(Map.of(), MAX_WEIGHT);
    }

    /** What the client gives {@code format}: its own weight if named, otherwise what any image gets. */
    public int weight(ImageFormat format) {
        return named.getOrDefault(Objects.requireNonNull(format, "format"), others);
    }

    /**
     * The format to encode a variant in.
     *
     * @param fallback the source's own format, or what stands in for it when the codec cannot encode it
     * @param encodable the formats the codec encodes
     */
    public ImageFormat choose(ImageFormat fallback, Set<ImageFormat> encodable) {
        List<ImageFormat> offered = new ArrayList<>();
        for (ImageFormat format : PREFERRED) {
            if (encodable.contains(format) && named.getOrDefault(format, 0) > 0) {
                offered.add(format);
            }
        }
        offered.add(fallback);
        ImageFormat best = offered.get(0);
        for (ImageFormat format : offered) {
            if (weight(format) > weight(best)) {
                best = format;
            }
        }
        return best;
    }

    private static void checkWeight(int weight) {
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("a format's weight is 0 to " + MAX_WEIGHT + ", not " + weight);
        }
    }
}
