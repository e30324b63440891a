package dev.skyhook.adapters.local.blob;

import dev.skyhook.core.error.DomainException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What {@link FileSystemBlobStore} writes in front of a blob's bytes, in the same file, so that the
 * bytes and what is known about them are replaced together by one rename:
 *
 * <pre>
 *  8 bytes  "SKYBLOB" and the format version, 1
 *  8 bytes  the content's length in bytes
 *  8 bytes  when the blob was stored, in milliseconds since the epoch
 *  2 bytes  the content type's length in UTF-8 bytes, at most {@value #MAX_CONTENT_TYPE_BYTES}
 *  n bytes  the content type in UTF-8
 *  then     exactly the content's length in bytes
 * </pre>
 *
 * Numbers are big-endian.
 */
record BlobHeader(long length, long storedAtMillis, String contentType) {
    static final int MAX_CONTENT_TYPE_BYTES = 1024;
    private static final byte[] MAGIC = {'S', 'K', 'Y', 'B', 'L', 'O', 'B', 1};
    private static final int FIXED_BYTES = MAGIC.length + Long.BYTES + Long.BYTES + Short.BYTES;

    BlobHeader {
        if (length < 0) {
            throw DomainException.invalid("length", "a blob's length cannot be negative");
        }
        if (!fits(contentType)) {
            throw DomainException.invalid(
                    "contentType", "a content type must be at most " + MAX_CONTENT_TYPE_BYTES + " bytes");
        }
    }

    static boolean fits(String contentType) {
        return contentType.getBytes(StandardCharsets.UTF_8).length <= MAX_CONTENT_TYPE_BYTES;
    }

    /** Writes the header at the channel's position; the content follows. */
    void writeTo(FileChannel channel) throws IOException {
        byte[] type = contentType.getBytes(StandardCharsets.UTF_8);
        ByteBuffer header = ByteBuffer.allocate(FIXED_BYTES + type.length)
                .put(MAGIC)
                .putLong(length)
                .putLong(storedAtMillis)
                .putShort((short) type.length)
                .put(type)
                .flip();
        while (header.hasRemaining()) {
            channel.write(header);
        }
    }

    /**
     * Reads the header of an open blob file and leaves the channel at the first content byte. A file
     * that is not a whole blob of this format (another file put there, a different size than its
     * header says) is an {@code IOException}: its bytes are never served under a wrong type or length.
     */
    static BlobHeader readFrom(FileChannel channel) throws IOException {
        ByteBuffer fixed = readFully(channel, FIXED_BYTES);
        byte[] magic = new byte[MAGIC.length];
        fixed.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a blob file of this store (no SKYBLOB header, format 1)");
        }
        long length = fixed.getLong();
        long storedAtMillis = fixed.getLong();
        int typeBytes = Short.toUnsignedInt(fixed.getShort());
        if (typeBytes > MAX_CONTENT_TYPE_BYTES || length < 0) {
            throw new IOException("damaged blob header");
        }
        String contentType =
                StandardCharsets.UTF_8.decode(readFully(channel, typeBytes)).toString();
        long expectedSize = FIXED_BYTES + typeBytes + length;
        if (channel.size() != expectedSize) {
            throw new IOException("blob file is " + channel.size() + " bytes, its header says " + expectedSize);
        }
        return new BlobHeader(length, storedAtMillis, contentType);
    }

    private static ByteBuffer readFully(FileChannel channel, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("blob file ends inside its header");
            }
        }
        return buffer.flip();
    }
}
