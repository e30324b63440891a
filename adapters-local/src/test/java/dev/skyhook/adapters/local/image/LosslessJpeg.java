package dev.skyhook.adapters.local.image;

import java.io.ByteArrayOutputStream;

/**
 * A minimal lossless JPEG (ITU T.81 process 14, SOF3) encoder for test fixtures: 2..16-bit samples,
 * predictor 1 (the sample to the left), no point transform, one Huffman table for every component.
 * Debian's cjpeg cannot write this process, and the known pixels are what a decoder must give back.
 */
final class LosslessJpeg {
    /** Code lengths 4 and 5 for the difference categories 0..16 (all-ones codes left unused, as T.81 asks). */
    private static final int[] LENGTHS = {0, 0, 0, 14, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private LosslessJpeg() {}

    /** A grey picture of {@code precision} bits a sample: {@code grey[y][x]} 0..2^precision-1. */
    static byte[] grey(int precision, int[][] grey) {
        return encode(precision, new int[][][] {grey}, new int[] {1});
    }

    /**
     * An RGB picture, {@code rgb[y][x]} 0xRRGGBB, its components named 'R', 'G', 'B' so that a decoder
     * takes them as RGB rather than YCbCr (libjpeg's convention; there is no colour transform here).
     */
    static byte[] rgb(int[][] rgb) {
        int height = rgb.length;
        int width = rgb[0].length;
        int[][][] planes = new int[3][height][width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                planes[0][y][x] = rgb[y][x] >> 16 & 0xff;
                planes[1][y][x] = rgb[y][x] >> 8 & 0xff;
                planes[2][y][x] = rgb[y][x] & 0xff;
            }
        }
        return encode(8, planes, new int[] {'R', 'G', 'B'});
    }

    private static byte[] encode(int precision, int[][][] planes, int[] ids) {
        int height = planes[0].length;
        int width = planes[0][0].length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        marker(out, 0xD8);
        marker(out, 0xC3); // SOF3: lossless, Huffman
        word(out, 8 + 3 * ids.length);
        out.write(precision);
        word(out, height);
        word(out, width);
        out.write(ids.length);
        for (int id : ids) {
            out.write(id);
            out.write(0x11); // no subsampling
            out.write(0); // no quantisation table in a lossless scan
        }
        marker(out, 0xC4); // DHT: class 0 (DC, the table lossless scans use), table 0
        word(out, 2 + 1 + 16 + 17);
        out.write(0x00);
        for (int length : LENGTHS) {
            out.write(length);
        }
        for (int category = 0; category <= 16; category++) {
            out.write(category);
        }
        marker(out, 0xDA); // SOS
        word(out, 6 + 2 * ids.length);
        out.write(ids.length);
        for (int id : ids) {
            out.write(id);
            out.write(0x00); // table 0
        }
        out.write(1); // Ss: predictor 1
        out.write(0); // Se
        out.write(0); // Ah, Al: no point transform
        Bits bits = new Bits(out);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int[][] plane : planes) {
                    int predicted = x > 0 ? plane[y][x - 1] : y > 0 ? plane[y - 1][x] : 1 << (precision - 1);
                    bits.difference(plane[y][x] - predicted);
                }
            }
        }
        bits.flush();
        marker(out, 0xD9);
        return out.toByteArray();
    }

    private static void marker(ByteArrayOutputStream out, int code) {
        out.write(0xFF);
        out.write(code);
    }

    private static void word(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value & 0xff);
    }

    /** The entropy-coded segment: Huffman code of the category, then its bits; 0xFF stuffed with 0x00. */
    private static final class Bits {
        private final ByteArrayOutputStream out;
        private int buffer;
        private int count;

        Bits(ByteArrayOutputStream out) {
            this.out = out;
        }

        void difference(int difference) {
            difference = (short) difference; // modulo 2^16, as T.81 takes it
            int category = difference == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(Math.abs(difference));
            // Canonical codes: 14 of 4 bits (0000..1101) for categories 0..13, then 11100.. for 14..16.
            if (category < 14) {
                write(category, 4);
            } else {
                write(0b11100 + category - 14, 5);
            }
            if (category > 0 && category < 16) { // 16 (the difference 32768) has no bits
                write(difference < 0 ? difference - 1 : difference, category);
            }
        }

        private void write(int value, int length) {
            for (int i = length - 1; i >= 0; i--) {
                buffer = buffer << 1 | (value >> i & 1);
                if (++count == 8) {
                    emit();
                }
            }
        }

        void flush() {
            while (count != 0) {
                write(1, 1); // pad with ones
            }
        }

        private void emit() {
            out.write(buffer);
            if (buffer == 0xFF) {
                out.write(0);
            }
            buffer = 0;
            count = 0;
        }
    }
}
