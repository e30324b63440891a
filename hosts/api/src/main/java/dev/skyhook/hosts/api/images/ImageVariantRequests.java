package dev.skyhook.hosts.api.images;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantFormat;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.port.in.GetImageVariantCommand;
import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.core.port.in.GetImageVariantUseCase.ImageVariant;
import dev.skyhook.core.port.out.ImageUrlSigner;
import dev.skyhook.hosts.api.http.HttpError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A variant request as clients write it, {@code /img/{key}?w=&h=&fit=&q=&fmt=&sig=} with its
 * {@code Accept} header, turned into the variant: the one reading for every way such a request
 * arrives (an HTTP route, a CloudFront origin request). Wire names and their messages live here;
 * the core sees a {@link GetImageVariantCommand}.
 *
 * <p>{@code fmt} is {@code auto} (the default: the best format the {@code Accept} header allows, see
 * {@link AcceptHeader} and {@link dev.skyhook.core.model.FormatPreferences}), {@code jpeg} (or
 * {@code jpg}), {@code png}, {@code webp} or {@code avif}. A format this server's codec cannot encode
 * is a 400 naming {@code fmt}: the URL asks for a variant this deployment cannot make, as {@code w=5000}
 * does; 406 is left to {@code Accept}, which never fails (it falls back to the source's format).
 */
public final class ImageVariantRequests {
    private static final List<String> PARAMETERS = List.of("w", "h", "fit", "q", "fmt");

    private final GetImageVariantUseCase variants;
    private final Optional<ImageUrlSigner> signing;

    /** {@code signing}: present when image URLs must be signed ({@code IMAGE_URL_SIGNING=on}). */
    public ImageVariantRequests(GetImageVariantUseCase variants, Optional<ImageUrlSigner> signing) {
        this.variants = Objects.requireNonNull(variants, "variants");
        this.signing = Objects.requireNonNull(signing, "signing");
    }

    /** What a signature covers: the variant parameters in a fixed order, absent ones as empty. */
    public static SequencedMap<String, String> signedParameters(String w, String h, String fit, String q, String fmt) {
        SequencedMap<String, String> parameters = new LinkedHashMap<>();
        parameters.put("w", w == null ? "" : w);
        parameters.put("h", h == null ? "" : h);
        parameters.put("fit", fit == null ? "" : fit);
        parameters.put("q", q == null ? "" : q);
        parameters.put("fmt", fmt == null ? "" : fmt);
        return parameters;
    }

    /**
     * The variant, and whether the client's {@code Accept} chose its format (then a response must
     * say {@code Vary: Accept}).
     */
    public record Answer(ImageVariant variant, boolean negotiated) {}

    /**
     * @param key the decoded path after {@code /img/}
     * @param query the decoded query parameters
     * @param accept the request's {@code Accept} lines (none: no preference)
     */
    public Answer answer(String key, Map<String, List<String>> query, List<String> accept) {
        Map<String, String> values = new HashMap<>();
        for (String name : PARAMETERS) {
            single(query, name).ifPresent(value -> values.put(name, value));
        }
        signing.ifPresent(signer -> signer.verify(
                key,
                signedParameters(
                        values.get("w"), values.get("h"), values.get("fit"), values.get("q"), values.get("fmt")),
                single(query, "sig")));
        BlobKey source = BlobKey.of("key", key == null ? "" : key);
        int width = side("w", values.get("w"));
        int height = side("h", values.get("h"));
        ImageFit fit = fit(values.get("fit"));
        int quality = quality(values.get("q"));
        Optional<ImageFormat> exactly = format(values.get("fmt"));
        VariantFormat format = exactly.map(VariantFormat::exactly)
                .orElseGet(() -> VariantFormat.bestFor(AcceptHeader.preferences(accept)));
        ImageVariant variant;
        try {
            variant = variants.variant(new GetImageVariantCommand(source, width, height, fit, quality, format));
        } catch (DomainException e) {
            if (e.code() == ErrorCode.INVALID_INPUT && e.field().equals(Optional.of("format"))) {
                // A format named in the URL that the codec makes only up to a size (AVIF): the URL's fmt.
                throw HttpError.badRequest(
                        "fmt",
                        "fmt=" + values.get("fmt") + ": " + e.getMessage()
                                + "; leave fmt out (or fmt=auto) for the best format the client accepts at this size");
            }
            throw e;
        }
        return new Answer(variant, exactly.isEmpty());
    }

    private Optional<ImageFormat> format(String fmt) {
        if (fmt == null || fmt.equals("auto")) {
            return Optional.empty();
        }
        ImageFormat format = switch (fmt) {
            case "jpeg", "jpg" -> ImageFormat.JPEG;
            case "png" -> ImageFormat.PNG;
            case "webp" -> ImageFormat.WEBP;
            case "avif" -> ImageFormat.AVIF;
            default -> throw HttpError.badRequest("fmt", "fmt must be auto, jpeg, png, webp or avif");
        };
        Set<ImageFormat> encodable = variants.outputFormats();
        if (!encodable.contains(format)) {
            throw HttpError.badRequest(
                    "fmt",
                    "fmt=" + fmt + " is not available: this server's image codec encodes "
                            + encodable.stream()
                                    .sorted()
                                    .map(f -> f.name().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(", "))
                            + "; leave fmt out (or fmt=auto) for the best format the client accepts");
        }
        return Optional.of(format);
    }

    private static ImageFit fit(String fit) {
        return fit == null
                ? ImageFit.INSIDE
                : ImageFit.named(fit)
                        .orElseThrow(() -> HttpError.badRequest("fit", "fit must be cover, contain or inside"));
    }

    private static int quality(String q) {
        return q == null ? ImageVariantPolicy.DEFAULT_QUALITY : number("q", q, 1, 100);
    }

    private static int side(String field, String value) {
        return value == null ? 0 : number(field, value, 1, ImageVariantPolicy.MAX_DIMENSION);
    }

    /** Plain ASCII digits only: no sign, no decimals, no other scripts' digits. */
    private static int number(String field, String value, int min, int max) {
        String message = field + " must be an integer from " + min + " to " + max;
        if (!value.matches("[0-9]{1,9}")) {
            throw HttpError.badRequest(field, message);
        }
        int number = Integer.parseInt(value);
        if (number < min || number > max) {
            throw HttpError.badRequest(field, message);
        }
        return number;
    }

    /** A parameter given twice is refused rather than silently picking one of the values. */
    private static Optional<String> single(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw HttpError.badRequest(name, name + " must be given once");
        }
        return values.stream().findFirst();
    }
}
