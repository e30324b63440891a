package dev.skyhook.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store knows about a blob without reading it.
 *
 * @param lastModified when the stored bytes were last written, where the store keeps that
 */
public record BlobInfo(BlobKey key, long length, String contentType, Optional<Instant> lastModified) {
    public BlobInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** A blob whose modification time is not known. */
    public BlobInfo(BlobKey key, long length, String contentType) {
        this(key, length, contentType, Optional.empty());
    }

    public BlobInfo(BlobKey key, long length, String contentType, Instant lastModified) {
        this(key, length, contentType, Optional.of(lastModified));
    }
}
