package dev.skyhook.core.model;

import java.util.Objects;

/**
 * What an image's header says, read without decoding pixels.
 *
 * @param orientation the EXIF orientation, 1 (upright) to 8; 1 when the image has none
 * @param scans how many scans a decoder makes over the picture: a JPEG's start-of-scan segments (a
 *     progressive JPEG adds detail scan by scan, and each costs about a full pass); 1 for other formats
 * @param alpha whether the header announces transparency (an alpha channel or a transparent colour), which
 *     a variant should keep
 */
public record ImageFacts(ImageFormat format, long width, long height, int orientation, int scans, boolean alpha) {
    public ImageFacts {
        Objects.requireNonNull(format, "format");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative size " + width + "x" + height);
        }
        if (scans < 0) {
            throw new IllegalArgumentException("negative scan count " + scans);
        }
        if (orientation < 1 || orientation > 8) {
            orientation = 1;
        }
    }

    /** An opaque image. */
    public ImageFacts(ImageFormat format, long width, long height, int orientation, int scans) {
        this(format, width, height, orientation, scans, false);
    }

    /** An opaque image decoded in one scan. */
    public ImageFacts(ImageFormat format, long width, long height, int orientation) {
        this(format, width, height, orientation, 1);
    }

    /** The same facts, with transparency as given. */
    public ImageFacts withAlpha(boolean alpha) {
        return new ImageFacts(format, width, height, orientation, scans, alpha);
    }

    /** Width and height once the EXIF orientation is applied (5 to 8 turn the picture a quarter). */
    public long uprightWidth() {
        return orientation >= 5 ? height : width;
    }

    public long uprightHeight() {
        return orientation >= 5 ? width : height;
    }

    /** Width times height, saturating instead of overflowing (headers may claim anything). */
    public long pixels() {
        long product = width * height;
        return Math.multiplyHigh(width, height) == 0 && product >= 0 ? product : Long.MAX_VALUE;
    }
}
