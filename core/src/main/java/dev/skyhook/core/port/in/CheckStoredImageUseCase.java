package dev.skyhook.core.port.in;

import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobKey;
import java.util.Optional;

public interface CheckStoredImageUseCase {
    /** Why an object was refused (and deleted). */
    record Refusal(ErrorCode code, String reason) {}

    /**
     * Applies the upload checks to an object that arrived in the store directly. A refused object
     * is deleted; the answer is the refusal, or empty when it was kept (or is not an upload).
     */
    Optional<Refusal> check(BlobKey key);
}
