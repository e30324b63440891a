package dev.skyhook.core.model;

import java.util.Objects;

/**
 * A variant to render: a box (0 = that side is free), how to fit it, and the output encoding.
 * {@link #canonical()} names it in the variant cache; equal specs always give equal names.
 *
 * @param quality JPEG quality 1..100; ignored (and left out of the name) for PNG
 */
public record VariantSpec(int width, int height, ImageFit fit, int quality, ImageFormat format) {
    public VariantSpec {
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(format, "format");
        if (width < 0 || height < 0 || quality < 1 || quality > 100) {
            throw new IllegalArgumentException("bad variant " + width + "x" + height + " q" + quality);
        }
        if (width == 0 || height == 0) {
            fit = ImageFit.INSIDE; // one free side: every fit gives the same picture
        }
        if (format != ImageFormat.JPEG) {
            quality = 100;
        }
    }

    /** For example {@code w400-hauto-inside-q90.jpg} or {@code w64-h64-cover.png}. */
    public String canonical() {
        return "w" + side(width) + "-h" + side(height) + "-" + fit.canonicalName()
            + (format == ImageFormat.JPEG ? "-q" + quality : "") + "." + format.extension();
    }

    private static String side(int value) {
        return value == 0 ? "auto" : Integer.toString(value);
    }
}
