package dev.skyhook.core.port.in;

import dev.skyhook.core.model.BlobKey;
import java.io.InputStream;

public interface AcceptDirectUploadUseCase {
    /**
     * Keeps an image uploaded through a signed URL after the same checks as any upload; a refused
     * one is removed again and the refusal thrown (where S3 takes the upload, the check runs on its
     * {@code ObjectCreated} event instead).
     */
    void accept(BlobKey key, InputStream content, long length, String contentType);
}
