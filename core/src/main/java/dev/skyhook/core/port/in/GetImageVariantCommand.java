package dev.skyhook.core.port.in;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.VariantFormat;
import dev.skyhook.core.policy.ImageVariantPolicy;
import java.util.Objects;

/**
 * A variant of the stored image {@code source}: a box of {@code width} x {@code height} (0 = that
 * side is free, at most {@link ImageVariantPolicy#MAX_DIMENSION}), the fit, the quality of a lossy
 * output (1..100) and its format.
 */
public record GetImageVariantCommand(
        BlobKey source, int width, int height, ImageFit fit, int quality, VariantFormat format) {
    public GetImageVariantCommand {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(format, "format");
        if (ImageVariantPolicy.isVariant(source)) {
            throw DomainException.invalid(
                    "key", "key must name an original image, not a variant under " + ImageVariantPolicy.VARIANT_PREFIX);
        }
        checkSide("width", width);
        checkSide("height", height);
        if (quality < 1 || quality > 100) {
            throw DomainException.invalid("quality", "quality must be from 1 to 100, not " + quality);
        }
    }

    private static void checkSide(String field, int side) {
        if (side < 0 || side > ImageVariantPolicy.MAX_DIMENSION) {
            throw DomainException.invalid(
                    field, field + " must be from 0 (free) to " + ImageVariantPolicy.MAX_DIMENSION + ", not " + side);
        }
    }
}
