package dev.skyhook.core.model;

import java.util.Objects;

/** What a listing says about a blob: its key and length (a listing has no content type, S3's least of all). */
public record ListedBlob(BlobKey key, long length) {
    public ListedBlob {
        Objects.requireNonNull(key, "key");
        if (length < 0) {
            throw new IllegalArgumentException("a blob cannot be " + length + " bytes long");
        }
    }
}
