package dev.skyhook.core.port.in;

import dev.skyhook.core.error.DomainException;
import java.util.List;

/** Images to store under {@code folder}; at least one. */
public record UploadImagesCommand(String folder, List<UploadedFile> files) {
    public UploadImagesCommand {
        files = files == null ? List.of() : List.copyOf(files);
        if (files.isEmpty()) {
            throw DomainException.invalid("file", "the request has no file part");
        }
    }
}
