package dev.skyhook.adapters.local.image;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.out.ImageCodec;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOWriteProgressListener;
import javax.imageio.stream.ImageInputStream;

/**
 * The image codec on ImageIO (with TwelveMonkeys' readers on the class path for CMYK/YCCK JPEGs
 * and WebP input). Shrink-on-load: a photo (JPEG, WebP) much larger than the target is read with
 * source subsampling down to about twice the target; graphics (PNG, GIF) are read whole, because
 * picking every n-th pixel would drop their one-pixel lines. Then the picture is scaled by repeated
 * halving with bilinear filtering (never nearest-neighbour), turned upright, cropped or padded for
 * the fit, and encoded without metadata. Only the first frame of an animation is read.
 *
 * <p>Bounded work: the deadline is checked by a progress listener while a reader decodes (which then
 * aborts the read between rows or passes) and by the writer while it encodes, and between steps. The
 * heap of one render is bounded by {@link #worstCaseHeapBytes}: at most two pictures of at most
 * {@value #MAX_BYTES_PER_PIXEL} bytes a pixel live at once (the decoded one and its scaled copy, the
 * scaled one and its upright copy, the upright one and its canvas), or a picture and its encoding.
 */
public final class ImageIoImageCodec implements ImageCodec {
    /** Decoded rasters may take at most this many bytes a pixel (8-bit RGBA); wider ones (16-bit PNGs) must be smaller. */
    static final int MAX_BYTES_PER_PIXEL = 4;
    /** Formats whose pictures are photos: reading every n-th pixel of a large one loses nothing a smaller variant shows. */
    private static final Set<String> PHOTO_FORMATS = Set.of("jpeg", "jpg", "webp");

    private static final Set<ImageFormat> OUTPUT_FORMATS = Set.copyOf(EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG));
    /** Verification decodes to about this many pixels a side: enough to read every byte of the image data. */
    private static final int VERIFY_SIDE = 64;

    /** Reader warnings that mean damaged data; the JDK's JPEG reader reports an unknown marker as a mere warning. */
    private static final java.util.regex.Pattern DAMAGE = java.util.regex.Pattern.compile(
            "premature|corrupt|truncat|end of (file|stream|data)|eof|invalid|bogus|unexpected|missing"
                    + "|unsupported marker",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    static {
        ImageIO.setUseCache(false); // no temporary files: Lambda's /tmp is small and slow
    }

    private final long maxPixels;

    /** With the upload policy's default pixel limit. */
    public ImageIoImageCodec() {
        this(UploadPolicy.DEFAULT_MAX_PIXELS);
    }

    /**
     * @param maxPixels the most pixels the decoder may be asked for. The header check comes first, but a
     *     file can carry a frame larger than its header says (a GIF's image descriptor against its logical
     *     screen), so the decoder's own dimensions are checked again before any pixel is allocated.
     */
    public ImageIoImageCodec(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive");
        }
        this.maxPixels = maxPixels;
    }

    @Override
    public byte[] render(byte[] source, int orientation, VariantSpec spec, Deadline deadline) {
        if (!OUTPUT_FORMATS.contains(spec.format())) {
            throw new IllegalArgumentException("this codec does not encode " + spec.format());
        }
        boolean turned = orientation >= 5; // 5..8 swap width and height
        // The picture's size as stored (before turning upright).
        int pictureWidth = turned ? spec.pictureHeight() : spec.pictureWidth();
        int pictureHeight = turned ? spec.pictureWidth() : spec.pictureHeight();
        boolean alpha = spec.format() != ImageFormat.JPEG;
        BufferedImage image = greyAsStored(decode(source, pictureWidth, pictureHeight, deadline));
        alpha = alpha && image.getColorModel().hasAlpha();
        // Each step drops the previous picture: at most two are alive at once.
        image = scale(image, pictureWidth, pictureHeight, alpha);
        stopIfReached(deadline);
        image = orient(image, orientation);
        stopIfReached(deadline);
        image = frame(image, spec, alpha);
        stopIfReached(deadline);
        BlockOutputStream encoded = encode(image, spec, deadline);
        image = null; // the encoding is all that is needed now
        return encoded.toByteArray();
    }

    /** What the JDK's own writers encode well: no maintained pure-Java WebP or AVIF encoder runs here. */
    /** No cap: ImageIO's JPEG and PNG writers stop at the deadline between rows. */
    @Override
    public long maxOutputPixels(ImageFormat format) {
        return Long.MAX_VALUE;
    }

    @Override
    public Set<ImageFormat> outputFormats() {
        return OUTPUT_FORMATS;
    }

    @Override
    public void verify(InputStream source, Deadline deadline) {
        stopIfReached(deadline);
        ImageInputStream in;
        try {
            in = ImageIO.createImageInputStream(source); // no file cache (see above): read as the decoder asks
        } catch (IOException e) {
            throw undecodable(e.getClass().getSimpleName());
        }
        if (in == null) {
            throw undecodable("no stream for this content");
        }
        // The smallest read still decodes every row (and every scan) of the data, which is what finds damage;
        // every format is subsampled here, so the raster stays small whatever the picture's size.
        decode(in, VERIFY_SIDE, VERIFY_SIDE, true, deadline);
    }

    /**
     * Source bytes, plus two pictures of {@value #MAX_BYTES_PER_PIXEL} bytes a pixel (or one and its
     * encoding: a PNG of noise is at most about 4 bytes a pixel plus 1/32 for its blocks and row
     * filters), plus 16 MiB for the codecs' own buffers (the JPEG decoder's rows, the PNG deflater).
     */
    @Override
    public long worstCaseHeapBytes(long pixels, long sourceBytes) {
        return sourceBytes + 2 * MAX_BYTES_PER_PIXEL * pixels + pixels / 4 + 16L * 1024 * 1024;
    }

    /** Reads the first image, subsampled towards {@code targetWidth} x {@code targetHeight} when it is a photo. */
    private BufferedImage decode(byte[] source, int targetWidth, int targetHeight, Deadline deadline) {
        stopIfReached(deadline);
        return decode(new ByteArrayImageInputStream(source), targetWidth, targetHeight, false, deadline);
    }

    /** Reads the first image from {@code source} and closes it; {@code subsampleAll} subsamples graphics too (for verification). */
    private BufferedImage decode(
            ImageInputStream source, int targetWidth, int targetHeight, boolean subsampleAll, Deadline deadline) {
        try (ImageInputStream in = source) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw undecodable("no decoder for this content");
            }
            ImageReader reader = readers.next();
            try {
                return decode(reader, in, targetWidth, targetHeight, subsampleAll, deadline);
            } finally {
                reader.dispose();
            }
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Damaged content (a corrupt PNG IDAT, a broken Huffman table) is the client's problem, not ours.
            throw undecodable(e.getClass().getSimpleName());
        }
    }

    private BufferedImage decode(
            ImageReader reader,
            ImageInputStream in,
            int targetWidth,
            int targetHeight,
            boolean subsampleAll,
            Deadline deadline)
            throws IOException {
        reader.setInput(in, true, true);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
        StopReading stop = new StopReading(deadline);
        reader.addIIOReadProgressListener(stop);
        int storedWidth = reader.getWidth(0);
        int storedHeight = reader.getHeight(0);
        if ((long) storedWidth * storedHeight > maxPixels) {
            throw undecodable("the image data is " + storedWidth + "x" + storedHeight + " pixels, over the limit of "
                    + maxPixels + " whatever its header says");
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int subsampling = 1;
        if (subsampleAll || PHOTO_FORMATS.contains(reader.getFormatName().toLowerCase(java.util.Locale.ROOT))) {
            subsampling = Math.max(1, Math.min(storedWidth / (2 * targetWidth), storedHeight / (2 * targetHeight)));
        }
        if (subsampling > 1) {
            param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        }
        long decodedPixels = (long) ((storedWidth + subsampling - 1) / subsampling)
                * ((storedHeight + subsampling - 1) / subsampling);
        long decodedBytes = decodedPixels * bytesPerPixel(reader);
        if (decodedBytes > MAX_BYTES_PER_PIXEL * maxPixels) {
            throw new DomainException(
                    ErrorCode.TOO_LARGE,
                    "the image would take " + decodedBytes + " bytes decoded (" + storedWidth + "x" + storedHeight
                            + " at " + bytesPerPixel(reader) + " bytes a pixel); the limit is "
                            + MAX_BYTES_PER_PIXEL * maxPixels);
        }
        BufferedImage decoded = reader.read(0, param);
        if (stop.aborted || deadline.reached()) {
            throw stopped(deadline);
        }
        for (String warning : warnings) {
            // Damage (a truncated file, corrupt entropy data) is refused rather than served half grey;
            // notes such as "no embedded ICC profile" in a CMYK JPEG are not damage.
            if (DAMAGE.matcher(warning).find()) {
                throw undecodable("damaged: " + warning);
            }
        }
        return decoded;
    }

    /** What the reader's own raster takes a pixel (16-bit PNGs take twice what 8-bit ones do). */
    private static int bytesPerPixel(ImageReader reader) throws IOException {
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            return MAX_BYTES_PER_PIXEL;
        }
        int bits = 0;
        for (int size : type.getSampleModel().getSampleSize()) {
            bits += size;
        }
        int dataBits =
                java.awt.image.DataBuffer.getDataTypeSize(type.getSampleModel().getDataType());
        // Packed models keep several samples in one element; component models one sample an element.
        return Math.max(
                1,
                type.getSampleModel() instanceof java.awt.image.ComponentSampleModel
                        ? type.getSampleModel().getNumBands() * dataBits / 8
                        : (bits + 7) / 8);
    }

    /** Aborts a read from the reading thread itself (readers refuse abort() from other threads) once the deadline is reached. */
    private static final class StopReading implements IIOReadProgressListener {
        private final Deadline deadline;
        private volatile boolean aborted;

        StopReading(Deadline deadline) {
            this.deadline = deadline;
        }

        private void check(ImageReader reader) {
            if (!aborted && deadline.reached()) {
                aborted = true;
                reader.abort();
            }
        }

        @Override
        public void imageProgress(ImageReader source, float percentageDone) {
            check(source);
        }

        @Override
        public void imageStarted(ImageReader source, int imageIndex) {
            check(source);
        }

        @Override
        public void sequenceStarted(ImageReader source, int minIndex) {}

        @Override
        public void sequenceComplete(ImageReader source) {}

        @Override
        public void imageComplete(ImageReader source) {}

        @Override
        public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {}

        @Override
        public void thumbnailProgress(ImageReader source, float percentageDone) {}

        @Override
        public void thumbnailComplete(ImageReader source) {}

        @Override
        public void readAborted(ImageReader source) {}
    }

    private static void stopIfReached(Deadline deadline) {
        if (deadline.reached()) {
            throw stopped(deadline);
        }
    }

    private static DomainException stopped(Deadline deadline) {
        return new DomainException(
                ErrorCode.NO_CAPACITY,
                "the image was not rendered within " + deadline.budget().toMillis() + " ms");
    }

    /**
     * A grey picture whose samples are not 8-bit (a 12-bit lossless JPEG, say) is drawn by Java2D
     * through its linear grey colour space, which brightens every mid-tone (washed out). Its samples are
     * the stored grey levels, so they are scaled to 8 bits as they are instead. 8-bit grey, which
     * Java2D copies unchanged, is left alone.
     */
    static BufferedImage greyAsStored(BufferedImage image) {
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() != java.awt.color.ColorSpace.TYPE_GRAY
                || image.getType() == BufferedImage.TYPE_BYTE_GRAY
                || model.hasAlpha()) {
            return image;
        }
        java.awt.image.Raster raster = image.getRaster();
        double scale = 255.0 / ((1L << model.getComponentSize(0)) - 1);
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster out = grey.getRaster();
        int[] row = new int[image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            raster.getSamples(0, y, image.getWidth(), 1, 0, row);
            for (int x = 0; x < row.length; x++) {
                row[x] = (int) Math.min(255, Math.round(row[x] * scale));
            }
            out.setSamples(0, y, row.length, 1, 0, row);
        }
        return grey;
    }

    /**
     * Halves with bilinear filtering until within 2x, then one last bilinear step: no aliasing, no
     * nearest-neighbour. The first step reads the decoded picture directly (no full-size copy), and
     * opaque pictures are kept at 3 bytes a pixel.
     */
    static BufferedImage scale(BufferedImage source, int width, int height, boolean alpha) {
        boolean opaqueRgb =
                source.getType() == BufferedImage.TYPE_3BYTE_BGR || source.getType() == BufferedImage.TYPE_INT_RGB;
        if (!alpha && opaqueRgb && source.getWidth() == width && source.getHeight() == height) {
            return source; // a plain re-encode: the decoded raster goes straight to the encoder
        }
        BufferedImage current = source;
        do {
            int w = Math.max(width, current.getWidth() / 2);
            int h = Math.max(height, current.getHeight() / 2);
            current = copy(current, w, h, alpha);
        } while (current.getWidth() != width || current.getHeight() != height);
        return current;
    }

    /** Draws {@code source} into a new RGB (on white) or ARGB image of the given size. */
    private static BufferedImage copy(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage target =
                new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = target.createGraphics();
        try {
            if (!alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
            } else {
                g.setComposite(AlphaComposite.Src);
            }
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /**
     * Applies an EXIF orientation (1..8) so the picture is upright; exact pixel moves, no resampling,
     * into a picture of the same kind, one source row at a time (no third copy of the pixels).
     */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean turned = orientation >= 5;
        ColorModel model = image.getColorModel();
        WritableRaster source = image.getRaster();
        // The source raster's own layout (BGR stays BGR), so the result is the same kind of picture.
        WritableRaster turnedRaster = source.createCompatibleWritableRaster(turned ? h : w, turned ? w : h);
        int bands = source.getNumBands();
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            source.getPixels(0, y, w, 1, row);
            switch (orientation) {
                case 2 -> turnedRaster.setPixels(0, y, w, 1, reversed(row, bands));
                case 3 -> turnedRaster.setPixels(0, h - 1 - y, w, 1, reversed(row, bands));
                case 4 -> turnedRaster.setPixels(0, h - 1 - y, w, 1, row);
                case 5 -> turnedRaster.setPixels(y, 0, 1, w, row);
                case 6 -> turnedRaster.setPixels(h - 1 - y, 0, 1, w, row);
                case 7 -> turnedRaster.setPixels(h - 1 - y, 0, 1, w, reversed(row, bands));
                default -> turnedRaster.setPixels(y, 0, 1, w, reversed(row, bands)); // 8
            }
        }
        return new BufferedImage(model, turnedRaster, model.isAlphaPremultiplied(), null);
    }

    /** The pixels of a row in reverse order, in place ({@code bands} samples a pixel). */
    private static int[] reversed(int[] row, int bands) {
        for (int left = 0, right = row.length - bands; left < right; left += bands, right -= bands) {
            for (int b = 0; b < bands; b++) {
                int sample = row[left + b];
                row[left + b] = row[right + b];
                row[right + b] = sample;
            }
        }
        return row;
    }

    /** Centre-crops (cover) or pads (contain: transparent, or white without alpha) to the canvas. */
    private static BufferedImage frame(BufferedImage image, VariantSpec spec, boolean alpha) {
        if (image.getWidth() == spec.width() && image.getHeight() == spec.height()) {
            return image;
        }
        BufferedImage canvas = new BufferedImage(
                spec.width(), spec.height(), alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        try {
            if (!alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            }
            g.setComposite(AlphaComposite.Src);
            g.drawImage(image, (spec.width() - image.getWidth()) / 2, (spec.height() - image.getHeight()) / 2, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static BlockOutputStream encode(BufferedImage image, VariantSpec spec, Deadline deadline) {
        String name = switch (spec.format()) {
            case JPEG -> "jpeg";
            case PNG -> "png";
            default -> throw new IllegalStateException("checked in render: " + spec.format());
        };
        ImageWriter writer = ImageIO.getImageWritersByFormatName(name).next();
        BlockOutputStream out = new BlockOutputStream();
        StopWriting stop = new StopWriting(deadline);
        try {
            writer.setOutput(out);
            writer.addIIOWriteProgressListener(stop);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (spec.format() == ImageFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(spec.quality() / 100f);
            }
            // No metadata object: nothing of the source's EXIF, XMP or comments is carried over.
            writer.write(null, new IIOImage(image, null, null), param);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("could not encode the variant", e);
        } finally {
            writer.dispose();
        }
        if (stop.aborted || deadline.reached()) {
            throw stopped(deadline);
        }
        return out;
    }

    /** Aborts an encode from the writing thread once the deadline is reached. */
    private static final class StopWriting implements IIOWriteProgressListener {
        private final Deadline deadline;
        private volatile boolean aborted;

        StopWriting(Deadline deadline) {
            this.deadline = deadline;
        }

        @Override
        public void imageProgress(ImageWriter source, float percentageDone) {
            if (!aborted && deadline.reached()) {
                aborted = true;
                source.abort();
            }
        }

        @Override
        public void imageStarted(ImageWriter source, int imageIndex) {}

        @Override
        public void imageComplete(ImageWriter source) {}

        @Override
        public void thumbnailStarted(ImageWriter source, int imageIndex, int thumbnailIndex) {}

        @Override
        public void thumbnailProgress(ImageWriter source, float percentageDone) {}

        @Override
        public void thumbnailComplete(ImageWriter source) {}

        @Override
        public void writeAborted(ImageWriter source) {}
    }

    private static DomainException undecodable(String why) {
        return new DomainException(ErrorCode.UNSUPPORTED_TYPE, "the image could not be decoded (" + why + ")");
    }
}
