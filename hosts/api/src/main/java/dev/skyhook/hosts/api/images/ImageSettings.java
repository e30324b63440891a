package dev.skyhook.hosts.api.images;

import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.policy.RenderLimits;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.policy.VariantSizes;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The image bounds every host reads, from one set of variables with one set of messages:
 * {@code IMAGE_MAX_SCANS}, {@code IMAGE_WIDTHS}, {@code IMAGE_HEIGHTS}, {@code IMAGE_QUALITIES},
 * {@code IMAGE_VARIANTS_PER_SOURCE}, {@code IMAGE_RENDER_CONCURRENCY} (unset: sized from the machine),
 * {@code IMAGE_RENDER_WAIT_MS}, {@code IMAGE_RENDER_TIMEOUT_MS} and {@code IMAGE_UPLOAD_FORMATS} (the
 * formats an upload may be in, by name: {@code jpeg,png,gif,webp} by default; add {@code avif} where the
 * image codec decodes it; {@code heic} is refused).
 */
public record ImageSettings(int maxScans, VariantSizes sizes, int maxVariantsPerSource, OptionalInt renderConcurrency,
                            Duration renderWait, Duration renderTimeout, Set<ImageFormat> uploadFormats) {
    public ImageSettings {
        if (maxScans < 1 || maxVariantsPerSource < 1 || renderConcurrency.orElse(1) < 1) {
            throw new IllegalArgumentException("image limits must be positive");
        }
        uploadFormats = Set.copyOf(uploadFormats);
        if (uploadFormats.isEmpty()) {
            throw new IllegalArgumentException("IMAGE_UPLOAD_FORMATS must name at least one format");
        }
    }

    public static ImageSettings defaults() {
        return fromEnvironment(Map.of());
    }

    public static ImageSettings fromEnvironment(Map<String, String> env) {
        VariantSizes defaults = VariantSizes.defaults();
        return new ImageSettings(
            (int) number(env, "IMAGE_MAX_SCANS", UploadPolicy.DEFAULT_MAX_SCANS, 1),
            new VariantSizes(list(env, "IMAGE_WIDTHS").orElse(defaults.widths()), list(env, "IMAGE_HEIGHTS").orElse(defaults.heights()),
                list(env, "IMAGE_QUALITIES").orElse(defaults.qualities())),
            (int) number(env, "IMAGE_VARIANTS_PER_SOURCE", ImageVariantPolicy.DEFAULT_MAX_VARIANTS_PER_SOURCE, 1),
            text(env, "IMAGE_RENDER_CONCURRENCY").isPresent()
                ? OptionalInt.of((int) number(env, "IMAGE_RENDER_CONCURRENCY", 1, 1)) : OptionalInt.empty(),
            Duration.ofMillis(number(env, "IMAGE_RENDER_WAIT_MS", RenderLimits.DEFAULT_WAIT.toMillis(), 0)),
            Duration.ofMillis(number(env, "IMAGE_RENDER_TIMEOUT_MS", RenderLimits.DEFAULT_DEADLINE.toMillis(), 1)),
            text(env, "IMAGE_UPLOAD_FORMATS").map(ImageSettings::formats).orElse(UploadPolicy.DEFAULT_FORMATS));
    }

    /** The upload policy with this scan limit and these formats. */
    public UploadPolicy uploads(UploadPolicy policy) {
        return policy.withMaxScans(maxScans).withFormats(uploadFormats);
    }

    private static Set<ImageFormat> formats(String value) {
        Set<ImageFormat> formats = EnumSet.noneOf(ImageFormat.class);
        for (String name : value.split(",")) {
            if (!name.isBlank()) {
                formats.add(ImageFormat.named(name).orElseThrow(() -> new IllegalArgumentException(
                    "IMAGE_UPLOAD_FORMATS must list image formats (jpeg, png, gif, webp, avif, ...), not '" + name.strip() + "'")));
            }
        }
        if (formats.contains(ImageFormat.HEIF)) {
            // Its header states the coded picture's size (whole 64-pixel blocks, tiles), not the one shown.
            throw new IllegalArgumentException("IMAGE_UPLOAD_FORMATS cannot list heic: its size cannot be read from its header reliably");
        }
        return formats;
    }

    /** Delivery's policy: the size lists apply unless image URLs are signed. */
    public ImageVariantPolicy variants(ImageVariantPolicy policy, boolean signedUrls) {
        return policy.withSizes(signedUrls ? Optional.empty() : Optional.of(sizes)).withMaxVariantsPerSource(maxVariantsPerSource);
    }

    /**
     * The render pool for this machine: {@code IMAGE_RENDER_CONCURRENCY} when set, otherwise as many
     * permits as cores, no more than the heap holds worst-case renders, and at least one.
     */
    public RenderLimits renderLimits(long worstCaseRenderBytes) {
        Runtime runtime = Runtime.getRuntime();
        int permits = renderConcurrency.orElseGet(() ->
            RenderLimits.permitsFor(runtime.availableProcessors(), runtime.maxMemory(), worstCaseRenderBytes));
        return new RenderLimits(permits, renderWait, renderTimeout);
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static Optional<java.util.List<Integer>> list(Map<String, String> env, String name) {
        return text(env, name).map(value -> VariantSizes.parseList(name, value));
    }

    private static long number(Map<String, String> env, String name, long fallback, long min) {
        Optional<String> value = text(env, name);
        try {
            long parsed = value.map(Long::parseLong).orElse(fallback);
            if (parsed < min) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of at least " + min + ", was '" + value.orElse("") + "'");
        }
    }
}
