package dev.skyhook.core.model;

import java.util.Objects;

/**
 * What an image's header says, read without decoding pixels.
 *
 * @param orientation the EXIF orientation, 1 (upright) to 8; 1 when the image has none
 */
public record ImageFacts(ImageFormat format, long width, long height, int orientation) {
    public ImageFacts {
        Objects.requireNonNull(format, "format");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative size " + width + "x" + height);
        }
        if (orientation < 1 || orientation > 8) {
            orientation = 1;
        }
    }

    /** Width times height, saturating instead of overflowing (headers may claim anything). */
    public long pixels() {
        long product = width * height;
        return Math.multiplyHigh(width, height) == 0 && product >= 0 ? product : Long.MAX_VALUE;
    }
}
