package dev.skyhook.core.port.in;

import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobKey;
import java.util.Optional;

public interface CheckStoredImageUseCase {
    /** Why an object was refused (and deleted). */
    record Refusal(ErrorCode code, String reason) {}

    /** Whether {@code key} is where a direct upload lands, the only objects that arrive unchecked. */
    boolean isDirectUpload(BlobKey key);

    /**
     * Applies the upload checks to an object that arrived in the store directly. A refused object
     * is deleted; the answer is the refusal, or empty when it was kept (or is not a direct upload).
     */
    Optional<Refusal> check(BlobKey key);
}
