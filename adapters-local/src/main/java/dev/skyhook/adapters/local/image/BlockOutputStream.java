package dev.skyhook.adapters.local.image;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.stream.ImageOutputStreamImpl;

/**
 * An image output stream into 64 KiB blocks: unlike a ByteArrayOutputStream it never copies itself
 * to grow, and unlike ImageIO's memory-cached stream it keeps one copy, so an encoding of N bytes
 * costs N bytes, and 2N only while {@link #toByteArray()} copies it out.
 */
final class BlockOutputStream extends ImageOutputStreamImpl {
    private static final int BLOCK = 64 * 1024;
    private final List<byte[]> blocks = new ArrayList<>();
    private long length;

    @Override
    public void write(int b) throws IOException {
        checkClosed();
        flushBits();
        block(streamPos)[(int) (streamPos % BLOCK)] = (byte) b;
        streamPos++;
        length = Math.max(length, streamPos);
    }

    @Override
    public void write(byte[] buffer, int offset, int count) throws IOException {
        checkClosed();
        flushBits();
        while (count > 0) {
            int at = (int) (streamPos % BLOCK);
            int n = Math.min(count, BLOCK - at);
            System.arraycopy(buffer, offset, block(streamPos), at, n);
            streamPos += n;
            offset += n;
            count -= n;
        }
        length = Math.max(length, streamPos);
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        return block(streamPos)[(int) (streamPos++ % BLOCK)] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= length) {
            return count == 0 ? 0 : -1;
        }
        int n = (int) Math.min(count, Math.min(length - streamPos, BLOCK - streamPos % BLOCK));
        System.arraycopy(block(streamPos), (int) (streamPos % BLOCK), buffer, offset, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return length;
    }

    byte[] toByteArray() {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("encoded image over 2 GB");
        }
        byte[] all = new byte[(int) length];
        for (int i = 0, at = 0; at < length; i++, at += BLOCK) {
            System.arraycopy(blocks.get(i), 0, all, at, (int) Math.min(BLOCK, length - at));
        }
        return all;
    }

    private byte[] block(long position) {
        int index = (int) (position / BLOCK);
        while (blocks.size() <= index) {
            blocks.add(new byte[BLOCK]);
        }
        return blocks.get(index);
    }
}
