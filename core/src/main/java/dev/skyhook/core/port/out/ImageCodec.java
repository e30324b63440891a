package dev.skyhook.core.port.out;

import dev.skyhook.core.model.VariantSpec;

/**
 * Decodes an image, turns it upright, resizes and re-encodes it without its metadata. Never
 * enlarges. Callers check the header (type, pixel limit) first; the codec trusts it.
 */
public interface ImageCodec {
    /**
     * @param orientation the EXIF orientation (1..8) read from the header
     * @throws dev.skyhook.core.error.DomainException {@code UNSUPPORTED_TYPE} when the bytes do not decode (damaged or truncated)
     */
    byte[] render(byte[] source, int orientation, VariantSpec spec);
}
