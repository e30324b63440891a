package dev.skyhook.core.fake;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.port.out.ImageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Renders a description of the variant (or {@code outputBytes} bytes of it) and counts its calls.
 * Content that contains {@code DAMAGED} does not decode. Encodes JPEG and PNG, or the formats given.
 */
public final class FakeImageCodec implements ImageCodec {
    private final Set<ImageFormat> outputFormats;
    private final Map<ImageFormat, Long> maxOutputPixels;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger verifications = new AtomicInteger();
    private volatile int outputBytes = -1;

    public FakeImageCodec() {
        this(EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG));
    }

    /** A codec that encodes {@code outputFormats} (with AVIF and WebP, as a native codec would). */
    public FakeImageCodec(Set<ImageFormat> outputFormats) {
        this(outputFormats, Map.of());
    }

    /** ... encoding the formats in {@code maxOutputPixels} only up to so many pixels (as AVIF on libvips). */
    public FakeImageCodec(Set<ImageFormat> outputFormats, Map<ImageFormat, Long> maxOutputPixels) {
        this.outputFormats = Set.copyOf(outputFormats);
        this.maxOutputPixels = Map.copyOf(maxOutputPixels);
    }

    @Override
    public long maxOutputPixels(ImageFormat format) {
        return maxOutputPixels.getOrDefault(format, Long.MAX_VALUE);
    }

    @Override
    public Set<ImageFormat> outputFormats() {
        return outputFormats;
    }

    @Override
    public byte[] render(byte[] source, int orientation, VariantSpec spec, Deadline deadline) {
        calls.incrementAndGet();
        if (!outputFormats.contains(spec.format())) {
            throw new IllegalArgumentException("asked for " + spec.format() + ", which this codec does not encode");
        }
        if (spec.pixels() > maxOutputPixels(spec.format())) {
            throw new IllegalArgumentException("asked for " + spec.canonical() + ", over this codec's cap");
        }
        refuseDamaged(source);
        byte[] description =
                ("VARIANT " + spec.canonical() + " orientation " + orientation).getBytes(StandardCharsets.US_ASCII);
        return outputBytes < 0 ? description : Arrays.copyOf(description, outputBytes);
    }

    @Override
    public void verify(InputStream source, Deadline deadline) {
        verifications.incrementAndGet();
        try {
            refuseDamaged(source.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long worstCaseHeapBytes(long pixels, long sourceBytes) {
        return sourceBytes + 8 * pixels;
    }

    private static void refuseDamaged(byte[] source) {
        if (new String(source, StandardCharsets.ISO_8859_1).contains("DAMAGED")) {
            throw new DomainException(ErrorCode.UNSUPPORTED_TYPE, "the image could not be decoded (damaged)");
        }
    }

    /** How many uploads it was asked to verify. */
    public int verifications() {
        return verifications.get();
    }

    /** How many times it was asked to render. */
    public int calls() {
        return calls.get();
    }

    /** Makes every later variant exactly {@code bytes} long. */
    public void produce(int bytes) {
        outputBytes = bytes;
    }
}
