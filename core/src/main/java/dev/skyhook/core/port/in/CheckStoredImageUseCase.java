package dev.skyhook.core.port.in;

import dev.skyhook.core.model.BlobKey;
import java.util.Optional;

public interface CheckStoredImageUseCase {
    /**
     * Applies the upload checks to an object that arrived in the store directly. A refused object
     * is deleted; the answer is the reason, or empty when it was kept (or is already gone).
     */
    Optional<String> check(BlobKey key);
}
