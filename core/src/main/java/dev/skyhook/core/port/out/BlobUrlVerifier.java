package dev.skyhook.core.port.out;

import dev.skyhook.core.model.SignedRequestAttempt;

/** Checks URLs that this process signed itself (the local store; S3 checks its own). */
public interface BlobUrlVerifier {
    /** Returns if the attempt matches a signature of ours that has not expired; otherwise FORBIDDEN. */
    void verify(SignedRequestAttempt attempt);
}
