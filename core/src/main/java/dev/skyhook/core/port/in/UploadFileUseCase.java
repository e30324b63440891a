package dev.skyhook.core.port.in;

public interface UploadFileUseCase {
    /**
     * Stores the file, replacing the owner's file of the same name (as S3 does); {@code QUOTA_EXCEEDED},
     * with nothing stored, when it would take the owner past the file quota.
     */
    void upload(UploadFileCommand command);
}
