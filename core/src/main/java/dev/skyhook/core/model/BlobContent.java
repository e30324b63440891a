package dev.skyhook.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** An open blob: read {@link #stream()} once, then close. */
public record BlobContent(BlobInfo info, InputStream stream) implements AutoCloseable {
    public byte[] readAllBytes() {
        try (InputStream in = stream) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
