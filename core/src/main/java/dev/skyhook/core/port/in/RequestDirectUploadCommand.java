package dev.skyhook.core.port.in;

import dev.skyhook.core.error.DomainException;

/** A client wants to upload one image of {@code size} bytes straight to the store. */
public record RequestDirectUploadCommand(String folder, String contentType, long size) {
    public RequestDirectUploadCommand {
        if (contentType == null || contentType.isBlank()) {
            throw DomainException.invalid("contentType", "contentType is required");
        }
        if (size < 1) {
            throw DomainException.invalid("size", "size must be a positive number of bytes");
        }
    }
}
