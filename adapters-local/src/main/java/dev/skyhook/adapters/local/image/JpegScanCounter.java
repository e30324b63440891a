package dev.skyhook.adapters.local.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the start-of-scan (SOS) markers of a JPEG as its bytes stream past, without decoding: it
 * walks the marker segments by their lengths and skips entropy-coded data by looking for the next
 * marker (0xFF not followed by a stuffed 0x00 or a restart marker). Constant work per byte and no
 * memory beyond a few fields, so it cannot itself be made slow; it stops looking at EOI. Anything
 * that does not start with a JPEG's SOI is not counted.
 *
 * <p>It sits under the inspector's buffer as a filter, so it sees every byte of the stream exactly
 * once in order, whatever the metadata reader above it marks, resets or skips.
 */
final class JpegScanCounter extends FilterInputStream {
    private static final int START = 0;
    private static final int START_D8 = 1;
    private static final int SEARCH = 2;
    private static final int AFTER_FF = 3;
    private static final int LENGTH_HIGH = 4;
    private static final int LENGTH_LOW = 5;
    private static final int SKIP = 6;
    private static final int DONE = 7;

    private int state = START;
    private int marker;
    private int lengthHigh;
    private long skip;
    private int scans;

    JpegScanCounter(InputStream in) {
        super(in);
    }

    /** SOS markers seen so far. */
    int scans() {
        return scans;
    }

    /** True once EOI was seen, or the content turned out not to be a JPEG. */
    boolean done() {
        return state == DONE;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            feed(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        for (int i = offset; i < offset + n; ) {
            i = feed(buffer, i, offset + n);
        }
        return n;
    }

    /** Skipped bytes are read, so that none passes uncounted. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Feeds buffer[from..to) from position {@code from}; returns where the next call should start. */
    private int feed(byte[] buffer, int from, int to) {
        if (state == SEARCH) {
            int i = from;
            while (i < to && buffer[i] != (byte) 0xFF) {
                i++; // entropy-coded data, or garbage between segments
            }
            if (i == to) {
                return to;
            }
            state = AFTER_FF;
            return i + 1;
        }
        if (state == SKIP) {
            long n = Math.min(skip, to - from);
            skip -= n;
            if (skip == 0) {
                state = SEARCH;
            }
            return from + (int) n;
        }
        if (state == DONE) {
            return to;
        }
        feed(buffer[from] & 0xFF);
        return from + 1;
    }

    private void feed(int b) {
        switch (state) {
            case START -> state = b == 0xFF ? START_D8 : DONE;
            case START_D8 -> state = b == 0xD8 ? SEARCH : DONE;
            case SEARCH -> {
                if (b == 0xFF) {
                    state = AFTER_FF;
                }
            }
            case AFTER_FF -> {
                if (b == 0xFF) {
                    return; // fill bytes before a marker
                }
                if (b == 0x00 || (b >= 0xD0 && b <= 0xD8) || b == 0x01) {
                    state = SEARCH; // stuffed byte, restart marker, SOI or TEM: no segment follows
                } else if (b == 0xD9) {
                    state = DONE; // EOI
                } else {
                    marker = b;
                    state = LENGTH_HIGH;
                }
            }
            case LENGTH_HIGH -> {
                lengthHigh = b;
                state = LENGTH_LOW;
            }
            case LENGTH_LOW -> {
                if (marker == 0xDA && scans < Integer.MAX_VALUE) {
                    scans++;
                }
                skip = Math.max(0, ((lengthHigh << 8) | b) - 2);
                state = skip == 0 ? SEARCH : SKIP;
            }
            case SKIP -> {
                if (--skip == 0) {
                    state = SEARCH;
                }
            }
            default -> {}
        }
    }
}
