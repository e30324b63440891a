package dev.skyhook.core.port.in;

import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ImageFormat;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

public interface GetImageVariantUseCase {
    /**
     * A rendered variant. {@code body} is empty when the variant is over the inline limit: the
     * caller redirects to {@code url} instead.
     *
     * @param etag a strong entity tag (quoted), from the variant's bytes or its immutable key
     */
    record ImageVariant(
            BlobKey key,
            String contentType,
            long length,
            long originalLength,
            Optional<byte[]> body,
            URI url,
            String etag) {}

    /** Renders the variant once and serves it from the cache under {@code ProcessedImages/} afterwards. */
    ImageVariant variant(GetImageVariantCommand command);

    /** The formats a variant can be made in here (what the image codec encodes); every codec encodes JPEG and PNG. */
    default Set<ImageFormat> outputFormats() {
        return Set.of(ImageFormat.JPEG, ImageFormat.PNG);
    }
}
