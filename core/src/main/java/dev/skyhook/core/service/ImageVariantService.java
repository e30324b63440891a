package dev.skyhook.core.service;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.FormatPreferences;
import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.Inspection;
import dev.skyhook.core.model.VariantFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.policy.VariantSizes;
import dev.skyhook.core.port.in.GetImageVariantCommand;
import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.port.out.ImageInspector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Image delivery (the original Lambda@Edge origin-request function): a variant is rendered once, stored under
 * {@code ProcessedImages/{key}/{canonical spec}}, and served from there afterwards without decoding
 * anything. Sources are the uploads, whose keys are never reused, so a cached variant never goes stale.
 *
 * <p>The variant space is finite: requested sizes and qualities snap to the policy's lists (unless
 * URLs are signed), and the stored name is the output itself (canvas, picture, quality, format) after
 * the fit and the no-enlarging rule, read against the source's header, so requests that give the same
 * bytes share one stored variant. At most {@link ImageVariantPolicy#maxVariantsPerSource()} variants of
 * one image are stored. Renders run on the {@link RenderBudget}.
 *
 * <p>The format is the one asked for, if the codec encodes it, or the best for the client's
 * preferences ({@link FormatPreferences#choose}): AVIF, then WebP, then the source's own format
 * ({@link #sourceFormat}). Being part of the stored name, it is part of the cache key. A format the
 * codec encodes only up to a size ({@link ImageCodec#maxOutputPixels}: AVIF) is refused when asked for
 * by name above it, and not offered by negotiation.
 */
public final class ImageVariantService implements GetImageVariantUseCase {
    /** Enough for the header of any reasonable image (EXIF, ICC and XMP come before a JPEG's frame header). */
    static final int HEADER_BYTES = 512 * 1024;

    private final UploadPolicy uploads;
    private final ImageVariantPolicy policy;
    private final ImageInspector inspector;
    private final ImageCodec codec;
    private final BlobStore store;
    private final RenderBudget budget;

    public ImageVariantService(
            UploadPolicy uploads,
            ImageVariantPolicy policy,
            ImageInspector inspector,
            ImageCodec codec,
            BlobStore store,
            RenderBudget budget) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.store = Objects.requireNonNull(store, "store");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public ImageVariant variant(GetImageVariantCommand command) {
        if (!uploads.paths().holds(command.source())) {
            // Only public uploads have variants: other objects in the store (private files) stay unseen.
            throw DomainException.notFound("No image " + command.source());
        }
        if (command.format() instanceof VariantFormat.Exactly(ImageFormat asked)
                && !codec.outputFormats().contains(asked)) {
            throw DomainException.invalid(
                    "format",
                    asked + " variants cannot be made here; the image codec encodes " + names(codec.outputFormats()));
        }
        BlobInfo source = store.stat(command.source())
                .orElseThrow(() -> DomainException.notFound("No image " + command.source()));
        ImageFacts facts = header(command.source(), source);
        // The size does not depend on the format; which formats may encode it depends on the size.
        VariantSpec sized = spec(command, facts, ImageFormat.JPEG);
        Set<ImageFormat> encodable = codec.outputFormats().stream()
                .filter(format -> sized.pixels() <= codec.maxOutputPixels(format))
                .collect(Collectors.toUnmodifiableSet());
        ImageFormat output = switch (command.format()) {
            case VariantFormat.Exactly(ImageFormat asked) -> {
                if (!encodable.contains(asked)) {
                    throw DomainException.invalid(
                            "format",
                            asked + " variants are made up to " + codec.maxOutputPixels(asked) + " pixels, and this one"
                                    + " is " + sized.width() + "x" + sized.height() + " (" + sized.pixels()
                                    + "): ask for a smaller width or height, or another format");
                }
                yield asked;
            }
            case VariantFormat.Negotiated(FormatPreferences preferences) ->
                preferences.choose(sourceFormat(facts, encodable), encodable);
        };
        VariantSpec spec = sized.withFormat(output);
        String folder = ImageVariantPolicy.VARIANT_PREFIX + command.source().value() + "/";
        BlobKey key = new BlobKey(folder + spec.canonical());
        Optional<BlobInfo> cached = store.stat(key);
        if (cached.isPresent()) {
            long length = cached.get().length();
            Optional<byte[]> body = Optional.empty();
            if (length <= policy.inlineLimitBytes()) {
                try (BlobContent content =
                        store.open(key).orElseThrow(() -> DomainException.notFound("No variant " + key))) {
                    body = Optional.of(content.readAllBytes());
                }
            }
            return answer(key, output, length, source.length(), body);
        }
        boolean storable = store.list(folder).size() < policy.maxVariantsPerSource();
        byte[] rendered = budget.run(deadline -> render(command.source(), source, spec, deadline));
        boolean inline = rendered.length <= policy.inlineLimitBytes();
        if (!storable) {
            if (!inline) {
                throw new DomainException(
                        ErrorCode.TOO_LARGE,
                        "This image already has " + policy.maxVariantsPerSource()
                                + " stored variants, and this one (" + rendered.length
                                + " bytes) is too large to send without storing it;"
                                + " ask for a smaller one");
            }
            // Answered but not stored: the CDN in front may cache it, the bucket does not grow.
            return answer(key, output, rendered.length, source.length(), Optional.of(rendered));
        }
        store.put(key, rendered, output.mediaType());
        return answer(key, output, rendered.length, source.length(), inline ? Optional.of(rendered) : Optional.empty());
    }

    @Override
    public Set<ImageFormat> outputFormats() {
        return codec.outputFormats();
    }

    /**
     * What a variant of a {@code source} image is when the client asks for no other format: the same
     * format if the codec encodes it at this size; WebP for a lossy source in a format the codec encodes
     * only up to a smaller size (an AVIF over the codec's AVIF cap: WebP is lossy too and keeps alpha);
     * otherwise JPEG for an opaque lossy source (a photo in WebP, AVIF or HEIC, which as a lossless PNG would be many times larger than the upload) and PNG for a lossless
     * one (GIF, BMP, TIFF, ICO) or a transparent one: JPEG has no alpha, and a transparent picture
     * flattened on white is a wrong picture, where a larger one is only a slower one.
     */
    private ImageFormat sourceFormat(ImageFacts source, Set<ImageFormat> encodable) {
        if (encodable.contains(source.format())) {
            return source.format();
        }
        if (source.format().lossy()
                && codec.outputFormats().contains(source.format())
                && encodable.contains(ImageFormat.WEBP)) {
            return ImageFormat.WEBP;
        }
        return source.format().lossy() && !source.alpha() ? ImageFormat.JPEG : ImageFormat.PNG;
    }

    private static String names(Set<ImageFormat> formats) {
        return formats.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }

    /** Snaps the request to the listed sizes (unless URLs are signed) and resolves it against the upright source. */
    private VariantSpec spec(GetImageVariantCommand command, ImageFacts facts, ImageFormat output) {
        int width = command.width();
        int height = command.height();
        int quality = command.quality();
        if (policy.sizes().isPresent()) {
            VariantSizes sizes = policy.sizes().get();
            width = sizes.width(width);
            height = sizes.height(height);
            quality = sizes.quality(quality);
        }
        return VariantSpec.fit(
                facts.uprightWidth(), facts.uprightHeight(), width, height, command.fit(), quality, output);
    }

    /**
     * The source's type, size and orientation from the start of its bytes, within the pixel limit:
     * enough to name the variant. A source that is not an allowed image is refused here (415, 413).
     */
    private ImageFacts header(BlobKey sourceKey, BlobInfo source) {
        Inspection inspection;
        try (BlobContent content =
                store.open(sourceKey).orElseThrow(() -> DomainException.notFound("No image " + sourceKey))) {
            inspection = inspector.inspectHeader(new BoundedStream(content.stream(), HEADER_BYTES));
        }
        if (inspection.image().isEmpty() && source.length() > HEADER_BYTES) {
            // A header past the first bytes (huge metadata): read it all, within the source size limit.
            uploads.checkSize(sourceKey.value(), source.length(), uploads.maxDirectUploadBytes());
            try (BlobContent content =
                    store.open(sourceKey).orElseThrow(() -> DomainException.notFound("No image " + sourceKey))) {
                inspection = inspector.inspectHeader(content.stream());
            }
        }
        // Type and pixel limit from the header: a decompression bomb is refused before any decode.
        uploads.checkImage(sourceKey.value(), withoutScanCount(inspection));
        return inspection.image().orElseThrow();
    }

    /** Reads the whole source, counts its scans (sources stored before the limit, or put in the bucket directly), decodes. */
    private byte[] render(
            BlobKey sourceKey, BlobInfo source, VariantSpec spec, dev.skyhook.core.model.Deadline deadline) {
        uploads.checkSize(sourceKey.value(), source.length(), uploads.maxDirectUploadBytes());
        byte[] original;
        try (BlobContent content =
                store.open(sourceKey).orElseThrow(() -> DomainException.notFound("No image " + sourceKey))) {
            original = content.readAllBytes();
        }
        Inspection inspection = inspector.inspect(new ByteArrayInputStream(original));
        uploads.checkImage(sourceKey.value(), inspection);
        return codec.render(original, inspection.image().orElseThrow().orientation(), spec, deadline);
    }

    private static Inspection withoutScanCount(Inspection inspection) {
        return inspection
                .image()
                .map(f -> new Inspection(
                        Optional.of(new ImageFacts(f.format(), f.width(), f.height(), f.orientation(), 1, f.alpha())),
                        inspection.detected()))
                .orElse(inspection);
    }

    private ImageVariant answer(
            BlobKey key, ImageFormat output, long length, long originalLength, Optional<byte[]> body) {
        return new ImageVariant(
                key, output.mediaType(), length, originalLength, body, store.publicUrl(key), etag(key, length));
    }

    /** Variant keys are immutable (their source's key never is reused), so the key and length name the bytes. */
    private static String etag(BlobKey key, long length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((key.value() + "\n" + length).getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** At most {@code limit} bytes of {@code in}, then end of stream. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
