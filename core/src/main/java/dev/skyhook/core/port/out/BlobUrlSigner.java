package dev.skyhook.core.port.out;

import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.SignedRequest;
import java.time.Duration;

/** Time-limited URLs that let a client talk to the blob store directly (S3 presigning, or HMAC locally). */
public interface BlobUrlSigner {
    /** A GET of the blob under {@code key}, valid for {@code ttl}. */
    SignedRequest signGet(BlobKey key, Duration ttl);

    /**
     * A PUT of exactly {@code contentLength} bytes of {@code contentType} under {@code key}, valid for
     * {@code ttl}; the length and type are signed, so the client cannot send something else.
     */
    SignedRequest signPut(BlobKey key, String contentType, long contentLength, Duration ttl);
}
