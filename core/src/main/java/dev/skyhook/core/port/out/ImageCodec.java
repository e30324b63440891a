package dev.skyhook.core.port.out;

import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import java.io.InputStream;
import java.util.Set;

/**
 * Decodes an image, turns it upright, resizes and re-encodes it without its metadata. Never
 * enlarges. Callers check the header (type, pixel and scan limits) first; the codec trusts it.
 */
public interface ImageCodec {
    /**
     * @param spec in one of {@link #outputFormats()}
     * @param orientation the EXIF orientation (1..8) read from the header
     * @param deadline checked while decoding and encoding: once reached, the work stops with {@code NO_CAPACITY}
     * @throws dev.skyhook.core.error.DomainException {@code UNSUPPORTED_TYPE} when the bytes do not decode (damaged or truncated)
     */
    byte[] render(byte[] source, int orientation, VariantSpec spec, Deadline deadline);

    /**
     * The formats {@link #render} can encode: a variant is only ever asked for in one of these. Always
     * holds JPEG and PNG.
     */
    Set<ImageFormat> outputFormats();

    /**
     * The largest variant, in output pixels, the codec encodes in {@code format}. An encoder that the
     * deadline cannot stop once it has started (AV1, GIF) is given a cap, so that one render's CPU has a
     * bound; a larger variant is asked for in another format. {@link Long#MAX_VALUE} for no cap. Not a
     * default method: a codec that wraps another must pass its caps on.
     */
    long maxOutputPixels(ImageFormat format);

    /**
     * Decodes the whole image (at a small scale) to prove it can be rendered later: a file whose
     * header is fine but whose data is truncated or corrupt is refused at upload, not at every request.
     * Reads {@code source} as a stream (the caller closes it), so an upload of any size is verified in
     * bounded memory.
     *
     * @throws dev.skyhook.core.error.DomainException {@code UNSUPPORTED_TYPE} naming the damage, or {@code NO_CAPACITY}
     *     when the deadline is reached
     */
    void verify(InputStream source, Deadline deadline);

    /**
     * The most heap one {@link #render} or {@link #verify} can take for a source of at most
     * {@code sourceBytes} bytes and {@code pixels} pixels: what the render pool is sized by.
     */
    long worstCaseHeapBytes(long pixels, long sourceBytes);
}
