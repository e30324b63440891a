package dev.skyhook.core.model;

import java.util.Objects;

/**
 * A variant to render, in output pixels: a canvas of {@code width} x {@code height} with the upright
 * picture scaled to {@code pictureWidth} x {@code pictureHeight} and centred on it, cropped where it
 * is larger (cover) and padded where it is smaller (contain). Everything that decides the output's
 * bytes is here, so {@link #canonical()} names the bytes: requests that give the same spec share one
 * stored variant.
 *
 * @param quality the encoder's quality 1..100 for a lossy format (JPEG, WebP, AVIF); ignored, and left out
 *     of the name, for a lossless one (PNG)
 */
public record VariantSpec(int width, int height, int pictureWidth, int pictureHeight, int quality, ImageFormat format) {
    public VariantSpec {
        Objects.requireNonNull(format, "format");
        if (width < 1 || height < 1 || pictureWidth < 1 || pictureHeight < 1 || quality < 1 || quality > 100) {
            throw new IllegalArgumentException("bad variant " + width + "x" + height + " picture " + pictureWidth + "x"
                    + pictureHeight + " q" + quality);
        }
        boolean larger = pictureWidth >= width && pictureHeight >= height;
        boolean smaller = pictureWidth <= width && pictureHeight <= height;
        if (!larger && !smaller) {
            throw new IllegalArgumentException("a picture is either cropped or padded, not both");
        }
        if (!format.lossy()) {
            quality = 100;
        }
    }

    /**
     * The variant of an upright {@code sourceWidth} x {@code sourceHeight} picture in a box of
     * {@code boxWidth} x {@code boxHeight} (0 = that side is free) fitted as {@code fit}, never enlarged.
     */
    public static VariantSpec fit(
            long sourceWidth,
            long sourceHeight,
            int boxWidth,
            int boxHeight,
            ImageFit fit,
            int quality,
            ImageFormat format) {
        if (sourceWidth < 1
                || sourceHeight < 1
                || sourceWidth > Integer.MAX_VALUE
                || sourceHeight > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad source size " + sourceWidth + "x" + sourceHeight);
        }
        int width = (int) sourceWidth;
        int height = (int) sourceHeight;
        if (boxWidth == 0 && boxHeight == 0) {
            return new VariantSpec(width, height, width, height, quality, format);
        }
        if (boxWidth == 0 || boxHeight == 0 || fit == ImageFit.INSIDE) {
            double scale = Math.min(1, Math.min(ratio(boxWidth, width), ratio(boxHeight, height)));
            int w = side(width * scale);
            int h = side(height * scale);
            return new VariantSpec(w, h, w, h, quality, format);
        }
        double scale = fit == ImageFit.COVER
                ? Math.max((double) boxWidth / width, (double) boxHeight / height)
                : Math.min((double) boxWidth / width, (double) boxHeight / height);
        double canvasWidth = boxWidth;
        double canvasHeight = boxHeight;
        if (scale > 1) { // never enlarge: shrink the box instead, keeping its shape
            canvasWidth /= scale;
            canvasHeight /= scale;
            scale = 1;
        }
        int cw = Math.min(side(canvasWidth), fit == ImageFit.COVER ? width : Integer.MAX_VALUE);
        int ch = Math.min(side(canvasHeight), fit == ImageFit.COVER ? height : Integer.MAX_VALUE);
        int sw = side(width * scale);
        int sh = side(height * scale);
        if (fit == ImageFit.COVER) {
            sw = Math.max(sw, cw);
            sh = Math.max(sh, ch);
        } else {
            sw = Math.min(sw, cw);
            sh = Math.min(sh, ch);
        }
        return new VariantSpec(cw, ch, sw, sh, quality, format);
    }

    /** The same variant in another format (a lossless one drops the quality). */
    public VariantSpec withFormat(ImageFormat other) {
        return new VariantSpec(width, height, pictureWidth, pictureHeight, quality, other);
    }

    /** Output pixels. */
    public long pixels() {
        return (long) width * height;
    }

    /**
     * For example {@code w400-h300-q90.jpg}, {@code w400-h300-q75.avif}, {@code w64-h64-cover-85x64.png}
     * (cropped from a larger picture) or {@code w64-h64-contain-64x48-q75.webp} (padded). Every lossy
     * format carries its quality; a lossless one has none.
     */
    public String canonical() {
        String placement = "";
        if (pictureWidth != width || pictureHeight != height) {
            placement = (pictureWidth >= width && pictureHeight >= height ? "-cover-" : "-contain-") + pictureWidth
                    + "x" + pictureHeight;
        }
        return "w" + width + "-h" + height + placement + (format.lossy() ? "-q" + quality : "") + "."
                + format.extension();
    }

    private static double ratio(int box, int side) {
        return box == 0 ? Double.MAX_VALUE : (double) box / side;
    }

    private static int side(double value) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(value)));
    }
}
