package dev.skyhook.core.model;

import java.util.Objects;

/** What a store knows about a blob without reading it. */
public record BlobInfo(BlobKey key, long length, String contentType) {
    public BlobInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contentType, "contentType");
    }
}
