package dev.skyhook.adapters.local.image;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.gif.GifControlDirectory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.gif.GifImageDirectory;
import com.drew.metadata.heif.HeifDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.Inspection;
import dev.skyhook.core.port.out.ImageInspector;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Type, size, orientation and transparency from the bytes with metadata-extractor, which reads headers and
 * segments but never decodes pixels, so a small file that claims a huge canvas costs nothing; and a
 * JPEG's scan count from {@link JpegScanCounter}, which reads on to the end of the image. The
 * client's name and declared type play no part.
 */
public final class MetadataExtractorImageInspector implements ImageInspector {
    private record Layout(ImageFormat format, Class<? extends Directory> directory, int widthTag, int heightTag) {}

    /** Where a HEIF or AVIF file's sizes are looked for: its metadata box comes first and is small. */
    private static final int ISO_HEAD_BYTES = 64 * 1024;

    private static final Map<FileType, Layout> LAYOUTS = Map.of(
            FileType.Jpeg,
                    new Layout(
                            ImageFormat.JPEG,
                            JpegDirectory.class,
                            JpegDirectory.TAG_IMAGE_WIDTH,
                            JpegDirectory.TAG_IMAGE_HEIGHT),
            FileType.Png,
                    new Layout(
                            ImageFormat.PNG,
                            PngDirectory.class,
                            PngDirectory.TAG_IMAGE_WIDTH,
                            PngDirectory.TAG_IMAGE_HEIGHT),
            FileType.Gif,
                    new Layout(
                            ImageFormat.GIF,
                            GifHeaderDirectory.class,
                            GifHeaderDirectory.TAG_IMAGE_WIDTH,
                            GifHeaderDirectory.TAG_IMAGE_HEIGHT),
            FileType.WebP,
                    new Layout(
                            ImageFormat.WEBP,
                            WebpDirectory.class,
                            WebpDirectory.TAG_IMAGE_WIDTH,
                            WebpDirectory.TAG_IMAGE_HEIGHT),
            FileType.Bmp,
                    new Layout(
                            ImageFormat.BMP,
                            BmpHeaderDirectory.class,
                            BmpHeaderDirectory.TAG_IMAGE_WIDTH,
                            BmpHeaderDirectory.TAG_IMAGE_HEIGHT),
            FileType.Tiff,
                    new Layout(
                            ImageFormat.TIFF,
                            ExifIFD0Directory.class,
                            ExifIFD0Directory.TAG_IMAGE_WIDTH,
                            ExifIFD0Directory.TAG_IMAGE_HEIGHT),
            // metadata-extractor names every little-endian TIFF "ARW" (Sony's raw format is a TIFF too): read as the
            // TIFF it is.
            FileType.Arw,
                    new Layout(
                            ImageFormat.TIFF,
                            ExifIFD0Directory.class,
                            ExifIFD0Directory.TAG_IMAGE_WIDTH,
                            ExifIFD0Directory.TAG_IMAGE_HEIGHT),
            FileType.Heif,
                    new Layout(
                            ImageFormat.HEIF,
                            HeifDirectory.class,
                            HeifDirectory.TAG_IMAGE_WIDTH,
                            HeifDirectory.TAG_IMAGE_HEIGHT));

    @Override
    public Inspection inspect(InputStream content) {
        JpegScanCounter counter = new JpegScanCounter(content);
        Inspection header = inspectHeader(new BufferedInputStream(counter, 64 * 1024), counter);
        return header.image()
                .filter(facts -> facts.format() == ImageFormat.JPEG)
                .map(facts -> Inspection.image(new ImageFacts(
                        facts.format(), facts.width(), facts.height(), facts.orientation(), counter.scans())))
                .orElse(header);
    }

    @Override
    public Inspection inspectHeader(InputStream content) {
        return inspectHeader(new BufferedInputStream(content, 64 * 1024), null);
    }

    /** With a counter, a JPEG is read to its end (EOI) so that its scans are counted. */
    private Inspection inspectHeader(BufferedInputStream in, JpegScanCounter counter) {
        try {
            FileType type = FileTypeDetector.detectFileType(in);
            if (type == FileType.Ico) {
                return icon(in);
            }
            Layout layout = LAYOUTS.get(type);
            java.util.Optional<ImageFormat> heif = layout == null ? heifBrand(in) : java.util.Optional.empty();
            if (heif.isPresent()) {
                // An ISO media file whose brand says AVIF or HEIF (metadata-extractor calls it AVIF or QuickTime and
                // reads no size).
                return isoImage(heif.get(), in);
            } else if (layout == null) {
                return Inspection.notAnImage(type == FileType.Unknown ? sniff(in) : type.getName());
            }
            boolean alpha = alpha(layout.format, in);
            Metadata metadata = ImageMetadataReader.readMetadata(in);
            Directory directory = metadata.getFirstDirectoryOfType(layout.directory);
            if (directory == null
                    || !directory.containsTag(layout.widthTag)
                    || !directory.containsTag(layout.heightTag)) {
                return Inspection.notAnImage(layout.format + " without a readable size");
            }
            if (layout.format == ImageFormat.GIF && metadata.getFirstDirectoryOfType(GifImageDirectory.class) == null) {
                // A screen size and no picture: what a GIF/HTML polyglot looks like to a header reader.
                return Inspection.notAnImage("GIF without an image");
            }
            long width = Integer.toUnsignedLong(directory.getInt(layout.widthTag));
            long height = Integer.toUnsignedLong(directory.getInt(layout.heightTag));
            if (counter != null && layout.format == ImageFormat.JPEG) {
                byte[] buffer = new byte[64 * 1024];
                while (!counter.done() && in.read(buffer) >= 0) {
                    // the counter sees every byte on its way into the buffer
                }
            }
            if (layout.format == ImageFormat.GIF) {
                GifControlDirectory control = metadata.getFirstDirectoryOfType(GifControlDirectory.class);
                alpha = control != null && control.isTransparent();
            }
            return Inspection.image(
                    new ImageFacts(layout.format, width, height, orientation(metadata)).withAlpha(alpha));
        } catch (IOException
                | RuntimeException
                | com.drew.imaging.ImageProcessingException
                | com.drew.metadata.MetadataException e) {
            // Malformed input is the normal case for a hostile client, not an error of ours.
            return Inspection.notAnImage("unreadable or damaged content");
        }
    }

    /**
     * The size in an icon's first directory entry, read here: metadata-extractor reads every entry the
     * header announces, up to 65,535 of them, each failing with an exception past the end of a short
     * file, which made 22 bytes of header cost seconds of CPU.
     */
    private static Inspection icon(BufferedInputStream in) throws IOException {
        in.mark(32);
        byte[] header = in.readNBytes(22); // ICONDIR (6 bytes), then the first ICONDIRENTRY (16)
        in.reset();
        int count = (header.length >= 6) ? (header[4] & 0xff) | (header[5] & 0xff) << 8 : 0;
        if (header.length < 22 || count == 0) {
            return Inspection.notAnImage(ImageFormat.ICO + " without a readable size");
        }
        int width = header[6] & 0xff;
        int height = header[7] & 0xff;
        // 0 stands for 256, the largest side an icon entry can state.
        return Inspection.image(
                new ImageFacts(ImageFormat.ICO, width == 0 ? 256 : width, height == 0 ? 256 : height, 1));
    }

    /**
     * The size of a HEIF or AVIF image from its image spatial extent ({@code ispe}) properties in the
     * first {@value #ISO_HEAD_BYTES} bytes: the largest of them (the primary image's, not a thumbnail's,
     * and never less than it, which is what the pixel limit needs).
     */
    private static Inspection isoImage(ImageFormat format, BufferedInputStream in) throws IOException {
        byte[] head = in.readNBytes(ISO_HEAD_BYTES);
        long width = 0;
        long height = 0;
        for (int i = 4; i + 16 <= head.length; i++) {
            if (head[i] == 'i' && head[i + 1] == 's' && head[i + 2] == 'p' && head[i + 3] == 'e') {
                java.nio.ByteBuffer box = java.nio.ByteBuffer.wrap(head, i + 8, 8); // after the version and flags
                width = Math.max(width, Integer.toUnsignedLong(box.getInt()));
                height = Math.max(height, Integer.toUnsignedLong(box.getInt()));
            }
        }
        if (width == 0 || height == 0) {
            return Inspection.notAnImage(format + " without a readable size");
        }
        // An alpha plane is an auxiliary image whose type names alpha: AVIF's URN, or HEVC's auxiliary id 1.
        String text = new String(head, StandardCharsets.ISO_8859_1);
        boolean alpha = text.contains("urn:mpeg:mpegB:cicp:systems:auxiliary:alpha")
                || text.contains("urn:mpeg:hevc:2015:auxid:1");
        return Inspection.image(new ImageFacts(format, width, height, 1).withAlpha(alpha));
    }

    /** Where a PNG's transparency chunk ({@code tRNS}) is looked for: it comes before the image data. */
    private static final int PNG_HEAD_BYTES = 64 * 1024;

    /**
     * Whether a PNG or WebP announces transparency in its first chunks; the stream is left where it was.
     * PNG: a colour type with alpha (4, 6) or a {@code tRNS} chunk before the image data. WebP: the
     * extended header's alpha flag, or the lossless header's alpha bit; a simple lossy WebP has none.
     */
    private static boolean alpha(ImageFormat format, BufferedInputStream in) throws IOException {
        if (format != ImageFormat.PNG && format != ImageFormat.WEBP) {
            return false;
        }
        in.mark(PNG_HEAD_BYTES);
        byte[] head = in.readNBytes(format == ImageFormat.PNG ? PNG_HEAD_BYTES : 30);
        in.reset();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(head);
        if (format == ImageFormat.WEBP) {
            if (head.length < 25) {
                return false;
            }
            String chunk = new String(head, 12, 4, StandardCharsets.ISO_8859_1);
            return switch (chunk) {
                case "VP8X" -> (head[20] & 0x10) != 0;
                case "VP8L" ->
                    head[20] == 0x2f
                            && (bytes.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(21) >>> 28 & 1) == 1;
                default -> false;
            };
        }
        if (head.length < 26) {
            return false;
        }
        if (head[25] == 4 || head[25] == 6) {
            return true;
        }
        // Chunks after the signature: a length, a type, the data and a CRC each.
        for (int at = 8; at + 8 <= head.length; ) {
            long length = Integer.toUnsignedLong(bytes.getInt(at));
            String type = new String(head, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("tRNS")) {
                return true;
            }
            if (type.equals("IDAT") || type.equals("IEND") || length > head.length) {
                return false;
            }
            at += 12 + (int) length;
        }
        return false;
    }

    /** The HEIF-family format an ISO media file's major brand names (AVIF or HEIF), if any; the stream is left where it was. */
    private static java.util.Optional<ImageFormat> heifBrand(BufferedInputStream in) throws IOException {
        in.mark(16);
        byte[] head = in.readNBytes(12);
        in.reset();
        if (head.length < 12 || !"ftyp".equals(new String(head, 4, 4, StandardCharsets.ISO_8859_1))) {
            return java.util.Optional.empty();
        }
        return switch (new String(head, 8, 4, StandardCharsets.ISO_8859_1)) {
            case "avif", "avis" -> java.util.Optional.of(ImageFormat.AVIF);
            case "heic", "heix", "heim", "heis", "mif1", "msf1" -> java.util.Optional.of(ImageFormat.HEIF);
            default -> java.util.Optional.empty();
        };
    }

    private static int orientation(Metadata metadata) {
        ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        Integer value = exif == null ? null : exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
        return value == null || value < 1 || value > 8 ? 1 : value;
    }

    /** A name for common things that are not images, for a refusal a person can act on. */
    private static String sniff(BufferedInputStream in) throws IOException {
        in.mark(512);
        byte[] head = in.readNBytes(512);
        in.reset();
        String text =
                new String(head, StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(java.util.Locale.ROOT);
        if (head.length == 0) {
            return "empty";
        }
        if (text.startsWith("<svg") || text.contains("<svg")) {
            return "SVG";
        }
        if (text.startsWith("<!doctype html") || text.startsWith("<html") || text.contains("<script")) {
            return "HTML";
        }
        if (text.startsWith("<?xml") || text.startsWith("<")) {
            return "XML or HTML";
        }
        if (head.length >= 2 && head[0] == 'M' && head[1] == 'Z') {
            return "Windows executable";
        }
        if (head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return "ELF executable";
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return "ZIP archive";
        }
        return "unknown";
    }
}
