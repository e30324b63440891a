package dev.skyhook.hosts.api.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A request or response body: bytes in memory (API Gateway events, small answers), or a stream
 * read once (the local server's uploads and downloads, which may not fit in memory).
 */
public abstract sealed class Body permits Body.InMemory, Body.Streamed {
    /** The most any route reads into memory; larger bodies stream or are refused with 413. */
    public static final int MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

    public static Body of(byte[] bytes) {
        return new InMemory(bytes == null ? new byte[0] : bytes);
    }

    /** A stream of {@code length} bytes ({@code -1} when unknown), read once. */
    public static Body streamed(InputStream stream, long length) {
        return new Streamed(stream, length);
    }

    /** The length in bytes, or {@code -1} when a stream does not say. */
    public abstract long length();

    public abstract boolean isStreamed();

    /** The body as a stream; a streamed body can be read this way once. */
    public abstract InputStream stream();

    /** The whole body in memory; a stream over {@link #MAX_BUFFERED_BYTES} is refused with 413. */
    public abstract byte[] bytes();

    /** Closes a stream once nobody will read more of it (after the route, for a HEAD answer). */
    public void discard() {}

    static final class InMemory extends Body {
        private final byte[] bytes;

        InMemory(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public boolean isStreamed() {
            return false;
        }

        @Override
        public InputStream stream() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public byte[] bytes() {
            return bytes;
        }
    }

    static final class Streamed extends Body {
        private final InputStream stream;
        private final long length;
        private byte[] buffered;
        private boolean streamTaken;

        Streamed(InputStream stream, long length) {
            this.stream = Objects.requireNonNull(stream, "stream");
            this.length = length;
        }

        @Override
        public long length() {
            return buffered != null ? buffered.length : length;
        }

        @Override
        public boolean isStreamed() {
            return buffered == null;
        }

        @Override
        public InputStream stream() {
            if (buffered != null) {
                return new ByteArrayInputStream(buffered);
            }
            if (streamTaken) {
                throw new IllegalStateException("a streamed body can be read once");
            }
            streamTaken = true;
            return stream;
        }

        @Override
        public void discard() {
            streamTaken = true;
            try {
                stream.close();
            } catch (IOException e) {
                // Nobody reads it any more: the stream is gone either way.
            }
        }

        @Override
        public byte[] bytes() {
            if (buffered == null) {
                if (length > MAX_BUFFERED_BYTES) {
                    throw HttpError.payloadTooLarge(MAX_BUFFERED_BYTES);
                }
                try (InputStream in = stream()) {
                    byte[] read = in.readNBytes(MAX_BUFFERED_BYTES + 1);
                    if (read.length > MAX_BUFFERED_BYTES) {
                        throw HttpError.payloadTooLarge(MAX_BUFFERED_BYTES);
                    }
                    buffered = read;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return buffered;
        }
    }
}
