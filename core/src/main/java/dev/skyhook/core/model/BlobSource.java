package dev.skyhook.core.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Content of a known length that can be read from the start as often as needed (a spooled file,
 * bytes in memory), so a store can send it again when an attempt fails (S3 after 503 SlowDown).
 */
public interface BlobSource {
    long length();

    /** A new stream over the whole content; the caller closes it. */
    InputStream open() throws IOException;

    static BlobSource of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new BlobSource() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    /** The file as it is now; it must not change while stored. */
    static BlobSource ofFile(Path file) throws IOException {
        long length = Files.size(file);
        return new BlobSource() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }
}
