package dev.skyhook.core.policy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The widths, heights and JPEG qualities a variant may have when image URLs are not signed, as
 * Next.js's image optimizer lists its {@code deviceSizes}, {@code imageSizes} and {@code qualities}.
 * A requested value snaps up to the next listed one (a client asking for 500 px gets 640, never a
 * blurrier 384; a page's layout scales it down), and a value above the largest gets the largest. So
 * a stranger can name a few hundred variants of an image, not billions, and no existing client gets
 * a 400 for a size that is not listed.
 */
public record VariantSizes(List<Integer> widths, List<Integer> heights, List<Integer> qualities) {
    /** Next.js's default {@code imageSizes} (16 to 384) and {@code deviceSizes} (640 to 3840), together. */
    public static final List<Integer> DEFAULT_SIDES =
            List.of(16, 32, 48, 64, 96, 128, 256, 384, 640, 750, 828, 1080, 1200, 1920, 2048, 3840);
    /** Low, Next.js's default (75), and the original optimiser's (90). */
    public static final List<Integer> DEFAULT_QUALITIES = List.of(50, 75, 90);

    public VariantSizes {
        widths = sorted("widths", widths, ImageVariantPolicy.MAX_DIMENSION);
        heights = sorted("heights", heights, ImageVariantPolicy.MAX_DIMENSION);
        qualities = sorted("qualities", qualities, 100);
    }

    public static VariantSizes defaults() {
        return new VariantSizes(DEFAULT_SIDES, DEFAULT_SIDES, DEFAULT_QUALITIES);
    }

    /** A list as configuration writes it: {@code 16,32,48}. */
    public static List<Integer> parseList(String name, String value) {
        try {
            return Arrays.stream(value.split(","))
                    .map(String::strip)
                    .filter(v -> !v.isEmpty())
                    .map(Integer::valueOf)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be a comma-separated list of whole numbers, was '" + value + "'");
        }
    }

    /** The listed width for a requested one (0, a free side, stays free). */
    public int width(int requested) {
        return snap(widths, requested);
    }

    public int height(int requested) {
        return snap(heights, requested);
    }

    public int quality(int requested) {
        return snap(qualities, requested);
    }

    private static int snap(List<Integer> listed, int requested) {
        if (requested == 0) {
            return 0;
        }
        for (int value : listed) {
            if (value >= requested) {
                return value;
            }
        }
        return listed.get(listed.size() - 1);
    }

    private static List<Integer> sorted(String name, List<Integer> values, int max) {
        List<Integer> sorted = values.stream().distinct().sorted().toList();
        if (sorted.isEmpty() || sorted.get(0) < 1 || sorted.get(sorted.size() - 1) > max) {
            throw new IllegalArgumentException("image " + name + " must be a non-empty list of numbers from 1 to " + max
                    + ", was " + values.stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        return sorted;
    }
}
