package dev.skyhook.core.port.in;

import java.util.Objects;

/** One file part of an upload. The client's name is kept only for messages: the stored key is ours. */
public record UploadedFile(String filename, byte[] content) {
    public UploadedFile {
        Objects.requireNonNull(content, "content");
    }
}
