package dev.skyhook.core.port.in;

import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.SignedRequest;

public interface RequestDirectUploadUseCase {
    record DirectUpload(BlobKey key, SignedRequest upload) {}

    /** A signed PUT for one image; the stored object is checked again once it arrives. */
    DirectUpload request(RequestDirectUploadCommand command);
}
