package dev.skyhook.core.port.in;

import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobKey;
import java.util.Optional;

public interface CheckStoredImageUseCase {
    /** Why an object was refused (and deleted). */
    record Refusal(ErrorCode code, String reason) {}

    /**
     * What the check decided about one stored object.
     *
     * @param directUpload whether the object is where a direct upload lands, the only objects that arrive unchecked (anything
     *     else, such as an image {@code POST /images} stored or a variant, is left alone and counts as nothing)
     * @param refusal why it was refused and deleted; empty when it was kept (or left alone)
     */
    record Checked(boolean directUpload, Optional<Refusal> refusal) {
        public static Checked notADirectUpload() {
            return new Checked(false, Optional.empty());
        }

        public static Checked kept() {
            return new Checked(true, Optional.empty());
        }

        public static Checked refused(Refusal refusal) {
            return new Checked(true, Optional.of(refusal));
        }
    }

    /**
     * Applies the upload checks to an object that arrived in the store directly. A refused object is
     * deleted. The core decides which objects are direct uploads: callers pass every created key.
     */
    Checked check(BlobKey key);
}
