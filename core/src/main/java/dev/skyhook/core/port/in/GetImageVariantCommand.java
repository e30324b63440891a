package dev.skyhook.core.port.in;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.policy.ImageVariantPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * A variant of the stored image {@code source}: a box of {@code width} x {@code height} (0 = free),
 * the fit, the JPEG quality and the output format (empty: JPEG for a JPEG, PNG for anything else).
 */
public record GetImageVariantCommand(BlobKey source, int width, int height, ImageFit fit, int quality,
                                     Optional<ImageFormat> format) {
    public GetImageVariantCommand {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(format, "format");
        if (ImageVariantPolicy.isVariant(source)) {
            throw DomainException.invalid("key", "key must name an original image, not a variant under "
                + ImageVariantPolicy.VARIANT_PREFIX);
        }
        checkSide("w", width);
        checkSide("h", height);
        if (quality < 1 || quality > 100) {
            throw DomainException.invalid("q", "q must be an integer from 1 to 100");
        }
        if (format.isPresent() && format.get() != ImageFormat.JPEG && format.get() != ImageFormat.PNG) {
            throw DomainException.invalid("fmt", "fmt must be jpeg or png");
        }
    }

    /** From the query's raw values (null when absent), as a client writes them. */
    public static GetImageVariantCommand parse(String key, String w, String h, String fit, String q, String fmt) {
        return new GetImageVariantCommand(BlobKey.of("key", key == null ? "" : key),
            side("w", w), side("h", h),
            fit == null ? ImageFit.INSIDE : ImageFit.named(fit).orElseThrow(() ->
                DomainException.invalid("fit", "fit must be cover, contain or inside")),
            q == null ? ImageVariantPolicy.DEFAULT_QUALITY : integer("q", q, "q must be an integer from 1 to 100"),
            fmt == null ? Optional.empty() : Optional.of(format(fmt)));
    }

    private static ImageFormat format(String fmt) {
        return switch (fmt) {
            case "jpeg", "jpg" -> ImageFormat.JPEG;
            case "png" -> ImageFormat.PNG;
            case "webp" -> throw DomainException.invalid("fmt", "fmt=webp is not available: no maintained WebP encoder runs on this JVM; use jpeg or png");
            default -> throw DomainException.invalid("fmt", "fmt must be jpeg or png");
        };
    }

    private static int side(String field, String value) {
        if (value == null) {
            return 0;
        }
        int side = integer(field, value, sideMessage(field));
        if (side < 1) {
            throw DomainException.invalid(field, sideMessage(field));
        }
        checkSide(field, side);
        return side;
    }

    private static void checkSide(String field, int side) {
        if (side < 0 || side > ImageVariantPolicy.MAX_DIMENSION) {
            throw DomainException.invalid(field, sideMessage(field));
        }
    }

    private static String sideMessage(String field) {
        return field + " must be an integer from 1 to " + ImageVariantPolicy.MAX_DIMENSION;
    }

    private static int integer(String field, String value, String message) {
        if (!value.matches("[0-9]{1,9}")) {
            throw DomainException.invalid(field, message);
        }
        return Integer.parseInt(value);
    }
}
