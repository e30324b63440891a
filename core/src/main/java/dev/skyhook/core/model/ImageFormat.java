package dev.skyhook.core.model;

import java.util.Locale;
import java.util.Optional;

/** Image formats an inspector can recognise from the bytes, with the media type and extension stored. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp"),
    BMP("image/bmp", "bmp"),
    TIFF("image/tiff", "tiff"),
    HEIF("image/heif", "heic"),
    AVIF("image/avif", "avif"),
    ICO("image/vnd.microsoft.icon", "ico");

    private final String mediaType;
    private final String extension;

    ImageFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /**
     * Whether pictures in this format are (as a rule) compressed with loss: a variant encoded in it
     * takes a quality, and a source in it is a photo that must not turn into a larger lossless copy.
     * (WebP can also be lossless; variants in WebP are always encoded lossy.)
     */
    public boolean lossy() {
        return switch (this) {
            case JPEG, WEBP, HEIF, AVIF -> true;
            case PNG, GIF, BMP, TIFF, ICO -> false;
        };
    }

    /** By enum name, case-insensitively ("jpeg", "PNG"), as configuration writes them. */
    public static Optional<ImageFormat> named(String name) {
        for (ImageFormat format : values()) {
            if (format.name().equalsIgnoreCase(name.strip())
                    || format.extension.equals(name.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
