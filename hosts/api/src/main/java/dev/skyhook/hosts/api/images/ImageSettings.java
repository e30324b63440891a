package dev.skyhook.hosts.api.images;

import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.policy.RenderLimits;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.policy.VariantSizes;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The image bounds every host applies, from the variables (parsed with the rest of the configuration)
 * {@code IMAGE_MAX_SCANS}, {@code IMAGE_WIDTHS}, {@code IMAGE_HEIGHTS}, {@code IMAGE_QUALITIES},
 * {@code IMAGE_VARIANTS_PER_SOURCE}, {@code IMAGE_RENDER_CONCURRENCY} (unset: sized from the machine),
 * {@code IMAGE_RENDER_WAIT_MS}, {@code IMAGE_RENDER_TIMEOUT_MS} and {@code IMAGE_UPLOAD_FORMATS} (the
 * formats an upload may be in, by name: {@code jpeg,png,gif,webp} by default; add {@code avif} where the
 * image codec decodes it; {@code heic} is refused).
 */
public record ImageSettings(
        int maxScans,
        VariantSizes sizes,
        int maxVariantsPerSource,
        OptionalInt renderConcurrency,
        Duration renderWait,
        Duration renderTimeout,
        Set<ImageFormat> uploadFormats) {
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
        return new ImageSettings(
                UploadPolicy.DEFAULT_MAX_SCANS,
                VariantSizes.defaults(),
                ImageVariantPolicy.DEFAULT_MAX_VARIANTS_PER_SOURCE,
                OptionalInt.empty(),
                RenderLimits.DEFAULT_WAIT,
                RenderLimits.DEFAULT_DEADLINE,
                UploadPolicy.DEFAULT_FORMATS);
    }

    /** The upload policy with this scan limit and these formats. */
    public UploadPolicy uploads(UploadPolicy policy) {
        return policy.withMaxScans(maxScans).withFormats(uploadFormats);
    }

    /** Delivery's policy: the size lists apply unless image URLs are signed. */
    public ImageVariantPolicy variants(ImageVariantPolicy policy, boolean signedUrls) {
        return policy.withSizes(signedUrls ? Optional.empty() : Optional.of(sizes))
                .withMaxVariantsPerSource(maxVariantsPerSource);
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
}
