package dev.skyhook.core.service;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.Inspection;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.policy.ImageVariantPolicy;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.in.GetImageVariantCommand;
import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.port.out.ImageInspector;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Image delivery (SPEC section 3, the seed's origin-request function): a variant is rendered once,
 * stored under {@code ProcessedImages/{key}/{canonical spec}}, and served from there afterwards
 * without decoding anything. Sources are the uploads, whose keys are never reused, so a cached
 * variant never goes stale.
 */
public final class ImageVariantService implements GetImageVariantUseCase {
    private final UploadPolicy uploads;
    private final ImageVariantPolicy policy;
    private final ImageInspector inspector;
    private final ImageCodec codec;
    private final BlobStore store;

    public ImageVariantService(UploadPolicy uploads, ImageVariantPolicy policy, ImageInspector inspector, ImageCodec codec,
                               BlobStore store) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public ImageVariant variant(GetImageVariantCommand command) {
        if (!uploads.paths().holds(command.source())) {
            // Only public uploads have variants: other objects in the store (private files) stay unseen.
            throw DomainException.notFound("No image " + command.source());
        }
        BlobInfo source = store.stat(command.source()).orElseThrow(() -> DomainException.notFound("No image " + command.source()));
        // The default output follows the stored type, so a cache hit needs no look at the bytes.
        ImageFormat output = command.format().orElse(
            source.contentType().equalsIgnoreCase(ImageFormat.JPEG.mediaType()) ? ImageFormat.JPEG : ImageFormat.PNG);
        VariantSpec spec = new VariantSpec(command.width(), command.height(), command.fit(), command.quality(), output);
        BlobKey key = new BlobKey(ImageVariantPolicy.VARIANT_PREFIX + command.source().value() + "/" + spec.canonical());
        Optional<BlobInfo> cached = store.stat(key);
        if (cached.isPresent()) {
            long length = cached.get().length();
            Optional<byte[]> body = Optional.empty();
            if (length <= policy.inlineLimitBytes()) {
                try (BlobContent content = store.open(key).orElseThrow(() -> DomainException.notFound("No variant " + key))) {
                    body = Optional.of(content.readAllBytes());
                }
            }
            return answer(key, output, length, source.length(), body);
        }
        byte[] rendered = render(command.source(), source, spec);
        store.put(key, rendered, output.mediaType());
        return answer(key, output, rendered.length, source.length(),
            rendered.length <= policy.inlineLimitBytes() ? Optional.of(rendered) : Optional.empty());
    }

    private byte[] render(BlobKey sourceKey, BlobInfo source, VariantSpec spec) {
        uploads.checkSize(sourceKey.value(), source.length(), uploads.maxDirectUploadBytes());
        byte[] original;
        try (BlobContent content = store.open(sourceKey).orElseThrow(() -> DomainException.notFound("No image " + sourceKey))) {
            original = content.readAllBytes();
        }
        Inspection inspection = inspector.inspect(new ByteArrayInputStream(original));
        // Type and pixel limit from the header: a decompression bomb is refused before any decode.
        uploads.checkImage(sourceKey.value(), inspection);
        ImageFacts facts = inspection.image().orElseThrow();
        return codec.render(original, facts.orientation(), spec);
    }

    private ImageVariant answer(BlobKey key, ImageFormat output, long length, long originalLength, Optional<byte[]> body) {
        return new ImageVariant(key, output.mediaType(), length, originalLength, body, store.publicUrl(key),
            etag(key, length));
    }

    /** Variant keys are immutable (their source's key never is reused), so the key and length name the bytes. */
    private static String etag(BlobKey key, long length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((key.value() + "\n" + length).getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
