package dev.skyhook.core.port.out;

import dev.skyhook.core.model.BlobContent;
import dev.skyhook.core.model.BlobInfo;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.BlobSource;
import dev.skyhook.core.model.ListedBlob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where bytes are kept under keys (S3, a directory). A reader never sees a partly written blob.
 * Implementations throw {@code DomainException} with {@code STORE_UNAVAILABLE} or
 * {@code STORE_FAILURE}.
 */
public interface BlobStore {
    /** Stores exactly {@code length} bytes from {@code content}, replacing any blob under {@code key}. */
    void put(BlobKey key, InputStream content, long length, String contentType);

    default void put(BlobKey key, byte[] content, String contentType) {
        put(key, new java.io.ByteArrayInputStream(content), content.length, contentType);
    }

    /**
     * Stores content that can be read again from the start; a store that retries failed attempts
     * (S3) reads it once per attempt, which a plain stream cannot offer.
     */
    default void put(BlobKey key, BlobSource content, String contentType) {
        try (InputStream in = content.open()) {
            put(key, in, content.length(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the content of " + key, e);
        }
    }

    Optional<BlobInfo> stat(BlobKey key);

    Optional<BlobContent> open(BlobKey key);

    /** Removes the blob; removing one that is not there is not an error. */
    void delete(BlobKey key);

    /** Keys that start with {@code prefix}, in lexicographic order. */
    List<BlobKey> list(String prefix);

    /**
     * The first {@code limit} blobs (at most) whose keys start with {@code prefix}, with their
     * lengths, in lexicographic order of the keys. The limit bounds the work: a caller that wants to
     * know whether there are more than {@code n} asks for {@code n + 1}.
     */
    List<ListedBlob> listWithSizes(String prefix, int limit);

    /** Where clients fetch the blob (an S3 or CDN URL, or the local server's). */
    URI publicUrl(BlobKey key);
}
