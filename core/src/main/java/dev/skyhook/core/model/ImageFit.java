package dev.skyhook.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How a picture meets a requested box (sharp's names). None of them ever enlarges the picture.
 * <ul>
 *   <li>{@code INSIDE}: as large as fits inside the box, aspect kept; the output may be smaller than the box.</li>
 *   <li>{@code CONTAIN}: the same picture, letterboxed to the box's aspect (transparent in PNG, white in JPEG).</li>
 *   <li>{@code COVER}: fills the box, aspect kept, centre-cropped.</li>
 * </ul>
 */
public enum ImageFit {
    COVER,
    CONTAIN,
    INSIDE;

    public static Optional<ImageFit> named(String name) {
        for (ImageFit fit : values()) {
            if (fit.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(fit);
            }
        }
        return Optional.empty();
    }

    public String canonicalName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
