package dev.skyhook.core.policy;

import dev.skyhook.core.model.BlobKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Limits of image delivery. Variants are cached under {@value #VARIANT_PREFIX}; a variant larger
 * than {@code inlineLimitBytes} is not sent in the response but redirected to (the original optimiser's answer
 * to Lambda@Edge's 1 MB limit). The host says what its responses can carry.
 *
 * @param sizes the listed widths, heights and qualities requests snap to; empty when image URLs are
 *     signed (then whoever signs a URL chooses any size within {@link #MAX_DIMENSION})
 * @param maxVariantsPerSource how many variants of one image are stored; past it a variant is still
 *     rendered and answered, but not stored
 */
public record ImageVariantPolicy(long inlineLimitBytes, Optional<VariantSizes> sizes, int maxVariantsPerSource) {
    public static final String VARIANT_PREFIX = "ProcessedImages/";
    /** The largest width or height a client may ask for. */
    public static final int MAX_DIMENSION = 4096;
    /** The original optimiser's quality. */
    public static final int DEFAULT_QUALITY = 90;

    public static final int DEFAULT_MAX_VARIANTS_PER_SOURCE = 50;

    public ImageVariantPolicy {
        Objects.requireNonNull(sizes, "sizes");
        if (inlineLimitBytes < 1) {
            throw new IllegalArgumentException("inlineLimitBytes must be positive");
        }
        if (maxVariantsPerSource < 1) {
            throw new IllegalArgumentException("maxVariantsPerSource must be at least 1");
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

    public static boolean isVariant(BlobKey key) {
        return key.startsWith(VARIANT_PREFIX);
    }
}
