package dev.skyhook.core.testdata;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Real image files for tests, made here rather than checked in: encoded ones from ImageIO, and
 * header-only ones crafted byte by byte (a WebP canvas, files that claim an enormous size, a JPEG
 * with an EXIF orientation).
 */
public final class TestImages {
    private TestImages() {}

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    public static byte[] gif(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
    }

    public static byte[] bmp(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "bmp");
    }

    /**
     * A real lossless WebP (VP8L) of one colour: every prefix code has a single symbol, so the pixels
     * take no bits at all and the file is a few dozen bytes at any size.
     */
    public static byte[] webp(int width, int height) {
        BitWriter bits = new BitWriter();
        bits.write(0x2f, 8); // VP8L signature
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(0, 1); // no alpha
        bits.write(0, 3); // version 0
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // one prefix-code group
        for (int symbol : new int[] {0x80, 0xF0, 0x20, 0xFF, 0}) { // green, red, blue, alpha, distance
            bits.write(1, 1); // a simple code
            bits.write(0, 1); // of one symbol
            if (symbol < 2) {
                bits.write(0, 1);
                bits.write(symbol, 1);
            } else {
                bits.write(1, 1);
                bits.write(symbol, 8);
            }
        }
        // Zero bits after the end: some decoders read the bit stream eight bytes at a time.
        byte[] vp8l = java.util.Arrays.copyOf(bits.toByteArray(), bits.toByteArray().length + 8);
        int padded = vp8l.length + (vp8l.length & 1);
        ByteBuffer riff = ByteBuffer.allocate(12 + 8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + 8 + padded)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII));
        riff.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(vp8l.length).put(vp8l);
        return riff.array();
    }

    /** A WebP with an extended (VP8X) header declaring the canvas size and no image data: enough for a header reader only. */
    public static byte[] webpHeader(int width, int height) {
        ByteBuffer vp8x = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0);
        putUint24(vp8x, width - 1);
        putUint24(vp8x, height - 1);
        ByteBuffer riff = ByteBuffer.allocate(12 + 18).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + 18)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(vp8x.array());
        return riff.array();
    }

    /** Bits least significant first, as VP8L reads them. */
    private static final class BitWriter {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= ((value >> i) & 1) << used;
                if (++used == 8) {
                    bytes.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] toByteArray() {
            if (used > 0) {
                bytes.write(current);
                current = 0;
                used = 0;
            }
            return bytes.toByteArray();
        }
    }

    /** A PNG of a few dozen bytes whose header claims {@code width} x {@code height} pixels. */
    public static byte[] pngClaiming(long width, long height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt((int) width)
                .putInt((int) height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A JPEG frame header (SOF0) claiming {@code width} x {@code height} (at most 65535 each), and no pixels. */
    public static byte[] jpegClaiming(int width, int height) {
        ByteBuffer sof = ByteBuffer.allocate(2 + 2 + 2 + 15 + 2);
        sof.put((byte) 0xFF).put((byte) 0xD8);
        sof.put((byte) 0xFF)
                .put((byte) 0xC0)
                .putShort((short) 17)
                .put((byte) 8)
                .putShort((short) height)
                .putShort((short) width)
                .put((byte) 3);
        for (int component = 1; component <= 3; component++) {
            sof.put((byte) component).put((byte) 0x11).put((byte) 0);
        }
        sof.put((byte) 0xFF).put((byte) 0xD9);
        return sof.array();
    }

    /** A real JPEG with an EXIF block whose orientation tag is {@code orientation} (1 to 8). */
    public static byte[] jpegWithOrientation(int width, int height, int orientation) {
        byte[] plain = jpeg(width, height);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
        ByteBuffer app1 = ByteBuffer.allocate(4 + exif.length);
        app1.put((byte) 0xFF)
                .put((byte) 0xE1)
                .putShort((short) (exif.length + 2))
                .put(exif);
        // Right after SOI, where EXIF belongs.
        return concat(
                concat(new byte[] {plain[0], plain[1]}, app1.array()),
                java.util.Arrays.copyOfRange(plain, 2, plain.length));
    }

    /** The first {@code length} bytes of a JPEG of the given size: its data ends part-way, as an interrupted upload's does. */
    public static byte[] truncatedJpeg(int width, int height) {
        byte[] whole = noisyJpeg(width, height);
        return java.util.Arrays.copyOf(whole, whole.length / 2);
    }

    /** A baseline JPEG of random colours: every block has entropy-coded data. */
    public static byte[] noisyJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return encode(image, "jpg");
    }

    /** A progressive JPEG as ImageIO writes it (libjpeg's script: 10 scans for colour). */
    public static byte[] progressiveJpeg(int width, int height) {
        javax.imageio.ImageWriter writer =
                ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            writer.write(
                    null,
                    new javax.imageio.IIOImage(picture(width, height, BufferedImage.TYPE_INT_RGB), null, null),
                    param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * A scan bomb: a progressive JPEG whose last scan is repeated until the file has {@code scans}
     * scans. Each repeat is a few bytes, and costs a decoder one more pass over the whole picture.
     */
    public static byte[] jpegWithScans(int width, int height, int scans) {
        byte[] jpeg = progressiveJpeg(width, height);
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        int end = -1;
        int i = 2;
        while (i + 1 < jpeg.length && end < 0) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xD9) {
                end = i;
                break;
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker != 0xDA) {
                i += 2 + length;
                continue;
            }
            starts.add(i);
            int j = i + 2 + length;
            while (!((jpeg[j] & 0xFF) == 0xFF
                    && jpeg[j + 1] != 0
                    && ((jpeg[j + 1] & 0xFF) < 0xD0 || (jpeg[j + 1] & 0xFF) > 0xD7))) {
                j++;
            }
            i = j;
        }
        if (end < 0 || starts.isEmpty() || scans < starts.size()) {
            throw new IllegalStateException("cannot make " + scans + " scans from " + starts.size());
        }
        byte[] last = java.util.Arrays.copyOfRange(jpeg, starts.get(starts.size() - 1), end);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, end);
        for (int extra = starts.size(); extra < scans; extra++) {
            out.writeBytes(last);
        }
        out.write(0xFF);
        out.write(0xD9);
        return out.toByteArray();
    }

    /** A 40x30 AVIF of noise (AV1, 958 bytes), made with {@code vips heifsave --compression av1 --Q 50}: no Java encoder writes one. */
    public static byte[] avif() {
        return java.util.Base64.getDecoder()
                .decode(
                        "AAAAHGZ0eXBhdmlmAAAAAGF2aWZtaWYxbWlhZgAAASttZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAA"
                                + "AA5waXRtAAAAAAABAAAANGlsb2MAAAAAREAAAgABAAAAAAFPAAEAAAAAAAABsQACAAAAAAMAAAEAAAAAAAAAvgAAADhpaW5mAAAA"
                                + "AAACAAAAFWluZmUCAAAAAAEAAGF2MDEAAAAAFWluZmUCAAABAAIAAEV4aWYAAAAAamlwcnAAAABLaXBjbwAAABNjb2xybmNseAAC"
                                + "AAIABoAAAAAMYXYxQ4FAbAAAAAAUaXNwZQAAAAAAAAAoAAAAHgAAABBwaXhpAAAAAAMMDAwAAAAXaXBtYQAAAAAAAAABAAEEgYID"
                                + "hAAAABppcmVmAAAAAAAAAA5jZHNjAAIAAQABAAACd21kYXQSAAoJWBUn6xoEBA3CMqEDGAAAAEC2uV/8LaS/arwKwogKIMr3OqBs"
                                + "JMBk3ukzBbnxVuF2VZEl3pTKyQcEPsJ5rzxQyysrxjcb1udwW/eJVuQa5CBuBf/3vAhLWkRQ5h3fIymNaQ7aghJTaIVNjCfr8Oi3"
                                + "sOsEZEDo55IdAvorbCyoajHWXCkh23dn0/WA9IkUZuXKjQb+u/8TNs21Z6m3cjRYlC+TIZELuk0UqHcZh9iRGQLYMdkZ8u2R05QS"
                                + "kqN/lYlxItez6O9uEFOVo5Z7Ekx/myId4jFZNJ/FQZtj65GLxqDzdPX1JvT5uyxHn5N+kqXIeHeDxI7GIOr/tASd0+KcFxy3/ulu"
                                + "lBRnZg0pfXB1ZFEEf/48vqAVHuTpmkh/zrFIsQWSA8b9Vy/I0wdonzEc+vFI1y3mXwDbYYjGv3dTCYCF7xhVuhvrKYaOyMrvC9Qx"
                                + "HsJQTkL0LExeJhK/FVIRzLUs4biYbgerdn9A5qQbEZFWyILxI++kuUuO+B4P9yCqsUXNDEh/ZD/2vcKRaDIIAVXU3SukRZR7BohX"
                                + "LoYreQdkuvRjRflPoTbVzR2EAAAABkV4aWYAAElJKgAIAAAABgASAQMAAQAAAAEAAAAaAQUAAQAAAFYAAAAbAQUAAQAAAF4AAAAo"
                                + "AQMAAQAAAAIAAAATAgMAAQAAAAEAAABphwQAAQAAAGYAAAAAAAAAOGMAAOgDAAA4YwAA6AMAAAYAAJAHAAQAAAAwMjEwAZEHAAQA"
                                + "AAABAgMAAKAHAAQAAAAwMTAwAaADAAEAAAD//wAAAqAEAAEAAAAoAAAAA6AEAAEAAAAeAAAAAAAAAA==");
    }

    public static byte[] html() {
        return "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] svgWithScript() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] windowsExecutable() {
        byte[] exe = new byte[256];
        exe[0] = 'M';
        exe[1] = 'Z';
        return exe;
    }

    public static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("image.jpg"));
            zip.write(jpeg(4, 4));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, Math.max(1, width / 2), Math.max(1, height / 3));
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void putUint24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
