package dev.skyhook.core.port.out;

import dev.skyhook.core.model.SignedRequestAttempt;
import java.time.Instant;

/** Checks URLs that this process signed itself (the local store; S3 checks its own). */
public interface BlobUrlVerifier {
    /**
     * Returns when the URL expires if the attempt matches a signature of ours that has not expired yet;
     * otherwise FORBIDDEN. Whatever is served for it may be kept no longer than that.
     */
    Instant verify(SignedRequestAttempt attempt);
}
