package dev.skyhook.core.policy;

import dev.skyhook.core.model.BlobKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits of image delivery. Variants are cached under {@value #VARIANT_PREFIX}; a variant larger
 * than {@code inlineLimitBytes} is not sent in the response but redirected to (the original optimiser's answer
 * to Lambda@Edge's 1 MB limit).
 *
 * @param sizes the listed widths, heights and qualities requests snap to; empty when image URLs are
 *     signed (then whoever signs a URL chooses any size within {@link #MAX_DIMENSION})
 * @param maxVariantsPerSource how many variants of one image are stored; past it a variant is still
 *     rendered and answered, but not stored
 */
public record ImageVariantPolicy(long inlineLimitBytes, Optional<VariantSizes> sizes, int maxVariantsPerSource) {
    public static final String VARIANT_PREFIX = "ProcessedImages/";
    /** The largest {@code w} or {@code h} a client may ask for. */
    public static final int MAX_DIMENSION = 4096;
    /** The original optimiser's quality. */
    public static final int DEFAULT_QUALITY = 90;
    /** What a variant body may be so that, base64-encoded with headers, it fits Lambda's 6 MB response. */
    public static final long LAMBDA_INLINE_BYTES = base64Room(6L * 1024 * 1024);
    /** The same for a Lambda@Edge generated response (1 MB). */
    public static final long EDGE_INLINE_BYTES = base64Room(1024L * 1024);

    public static final int DEFAULT_MAX_VARIANTS_PER_SOURCE = 50;

    public ImageVariantPolicy {
        Objects.requireNonNull(sizes, "sizes");
        if (inlineLimitBytes < 1) {
            throw new IllegalArgumentException("inlineLimitBytes must be positive");
        }
        if (maxVariantsPerSource < 1) {
            throw new IllegalArgumentException("IMAGE_VARIANTS_PER_SOURCE must be at least 1");
        }
    }

    /** The given inline limit, the default size lists and the default bound on variants per image. */
    public ImageVariantPolicy(long inlineLimitBytes) {
        this(inlineLimitBytes, Optional.of(VariantSizes.defaults()), DEFAULT_MAX_VARIANTS_PER_SOURCE);
    }

    public ImageVariantPolicy withSizes(Optional<VariantSizes> newSizes) {
        return new ImageVariantPolicy(inlineLimitBytes, newSizes, maxVariantsPerSource);
    }

    public ImageVariantPolicy withMaxVariantsPerSource(int newMax) {
        return new ImageVariantPolicy(inlineLimitBytes, sizes, newMax);
    }

    public static ImageVariantPolicy lambda() {
        return new ImageVariantPolicy(LAMBDA_INLINE_BYTES);
    }

    /** {@code lambda}, {@code edge}, or a number of bytes, as {@code IMAGE_INLINE_LIMIT} writes it. */
    public static ImageVariantPolicy parse(String inlineLimit) {
        if (inlineLimit == null || inlineLimit.isBlank() || inlineLimit.strip().equals("lambda")) {
            return lambda();
        }
        if (inlineLimit.strip().equals("edge")) {
            return new ImageVariantPolicy(EDGE_INLINE_BYTES);
        }
        try {
            return new ImageVariantPolicy(Long.parseLong(inlineLimit.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("IMAGE_INLINE_LIMIT must be lambda, edge or a number of bytes, not " + inlineLimit);
        }
    }

    public static boolean isVariant(BlobKey key) {
        return key.startsWith(VARIANT_PREFIX);
    }

    /** 8 KiB left for headers and the envelope; base64 turns 3 bytes into 4. */
    private static long base64Room(long responseLimit) {
        return (responseLimit - 8 * 1024) / 4 * 3;
    }
}
