package dev.skyhook.core.port.in;

public interface UploadFileUseCase {
    /** Stores the file, replacing one of the same name (as S3 does). */
    void upload(UploadFileCommand command);
}
