package dev.skyhook.adapters.local.image;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.ImageFit;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.out.ImageCodec;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The image codec on ImageIO (with TwelveMonkeys' readers on the class path for CMYK/YCCK JPEGs
 * and WebP input). Shrink-on-load: a JPEG much larger than the target is read with source
 * subsampling down to about twice the target, then scaled by repeated halving with bilinear
 * filtering (never nearest-neighbour), turned upright, cropped or padded for the fit, and encoded
 * without metadata. Only the first frame of an animation is read.
 */
public final class ImageIoImageCodec implements ImageCodec {
    private static final java.util.regex.Pattern DAMAGE = java.util.regex.Pattern.compile(
        "premature|corrupt|truncat|end of (file|stream|data)|eof|invalid|bogus|unexpected|missing", java.util.regex.Pattern.CASE_INSENSITIVE);

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

    /** Where the picture goes on the canvas, in upright coordinates. */
    record Plan(int scaledWidth, int scaledHeight, int canvasWidth, int canvasHeight) {
        static Plan of(int width, int height, int boxWidth, int boxHeight, ImageFit fit) {
            if (boxWidth == 0 && boxHeight == 0) {
                return new Plan(width, height, width, height);
            }
            if (boxWidth == 0 || boxHeight == 0 || fit == ImageFit.INSIDE) {
                double scale = Math.min(1, Math.min(ratio(boxWidth, width), ratio(boxHeight, height)));
                int w = side(width * scale);
                int h = side(height * scale);
                return new Plan(w, h, w, h);
            }
            double scale = fit == ImageFit.COVER
                ? Math.max((double) boxWidth / width, (double) boxHeight / height)
                : Math.min((double) boxWidth / width, (double) boxHeight / height);
            double canvasWidth = boxWidth;
            double canvasHeight = boxHeight;
            if (scale > 1) { // never enlarge: shrink the box instead, keeping its shape
                canvasWidth /= scale;
                canvasHeight /= scale;
                scale = 1;
            }
            int cw = Math.min(side(canvasWidth), fit == ImageFit.COVER ? width : Integer.MAX_VALUE);
            int ch = Math.min(side(canvasHeight), fit == ImageFit.COVER ? height : Integer.MAX_VALUE);
            int sw = side(width * scale);
            int sh = side(height * scale);
            if (fit == ImageFit.COVER) {
                sw = Math.max(sw, cw);
                sh = Math.max(sh, ch);
            } else {
                sw = Math.min(sw, cw);
                sh = Math.min(sh, ch);
            }
            return new Plan(sw, sh, cw, ch);
        }

        private static double ratio(int box, int side) {
            return box == 0 ? Double.MAX_VALUE : (double) box / side;
        }

        private static int side(double value) {
            return Math.max(1, (int) Math.round(value));
        }
    }

    @Override
    public byte[] render(byte[] source, int orientation, VariantSpec spec) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(source))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw undecodable("no decoder for this content");
            }
            ImageReader reader = readers.next();
            try {
                return render(reader, in, orientation, spec);
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

    private byte[] render(ImageReader reader, ImageInputStream in, int orientation, VariantSpec spec) throws IOException {
        reader.setInput(in, true, true);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
        int storedWidth = reader.getWidth(0);
        int storedHeight = reader.getHeight(0);
        if ((long) storedWidth * storedHeight > maxPixels) {
            throw undecodable("the image data is " + storedWidth + "x" + storedHeight + " pixels, over the limit of "
                + maxPixels + " whatever its header says");
        }
        boolean turned = orientation >= 5; // 5..8 swap width and height
        Plan plan = Plan.of(turned ? storedHeight : storedWidth, turned ? storedWidth : storedHeight, spec.width(), spec.height(), spec.fit());
        int targetWidth = turned ? plan.scaledHeight() : plan.scaledWidth();
        int targetHeight = turned ? plan.scaledWidth() : plan.scaledHeight();

        ImageReadParam param = reader.getDefaultReadParam();
        int subsampling = Math.max(1, Math.min(storedWidth / (2 * targetWidth), storedHeight / (2 * targetHeight)));
        // Only photos: subsampling picks pixels, which would alias the fine lines of a PNG or GIF graphic.
        if (subsampling > 1 && "jpeg".equalsIgnoreCase(reader.getFormatName())) {
            param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        }
        BufferedImage decoded = reader.read(0, param);
        for (String warning : warnings) {
            // Damage (a truncated file, corrupt entropy data) is refused rather than served half grey;
            // notes such as "no embedded ICC profile" in a CMYK JPEG are not damage.
            if (DAMAGE.matcher(warning).find()) {
                throw undecodable("damaged: " + warning);
            }
        }
        boolean alpha = spec.format() != ImageFormat.JPEG && decoded.getColorModel().hasAlpha();
        BufferedImage scaled = scale(decoded, targetWidth, targetHeight, alpha);
        BufferedImage upright = orient(scaled, orientation);
        BufferedImage framed = frame(upright, plan, alpha);
        return encode(framed, spec);
    }

    /** Halves with bilinear filtering until within 2x, then one last bilinear step: no aliasing, no nearest-neighbour. */
    static BufferedImage scale(BufferedImage source, int width, int height, boolean alpha) {
        boolean opaqueRgb = source.getType() == BufferedImage.TYPE_3BYTE_BGR || source.getType() == BufferedImage.TYPE_INT_RGB;
        if (!alpha && opaqueRgb && source.getWidth() == width && source.getHeight() == height) {
            return source; // a plain re-encode: the decoded raster goes straight to the encoder
        }
        BufferedImage current = copy(source, source.getWidth(), source.getHeight(), alpha);
        while (current.getWidth() != width || current.getHeight() != height) {
            int w = Math.max(width, current.getWidth() / 2);
            int h = Math.max(height, current.getHeight() / 2);
            current = copy(current, w, h, alpha);
        }
        return current;
    }

    /** Draws {@code source} into a new RGB (on white) or ARGB image of the given size. */
    private static BufferedImage copy(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage target = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
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

    /** Applies an EXIF orientation (1..8) so the picture is upright; exact pixel moves, no resampling. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        boolean turned = orientation >= 5;
        int nw = turned ? h : w;
        int nh = turned ? w : h;
        int[] dst = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int dx;
                int dy;
                switch (orientation) {
                    case 2 -> { dx = w - 1 - x; dy = y; }
                    case 3 -> { dx = w - 1 - x; dy = h - 1 - y; }
                    case 4 -> { dx = x; dy = h - 1 - y; }
                    case 5 -> { dx = y; dy = x; }
                    case 6 -> { dx = h - 1 - y; dy = x; }
                    case 7 -> { dx = h - 1 - y; dy = w - 1 - x; }
                    default -> { dx = y; dy = w - 1 - x; } // 8
                }
                dst[dy * nw + dx] = src[y * w + x];
            }
        }
        BufferedImage turnedImage = new BufferedImage(nw, nh, image.getType());
        turnedImage.setRGB(0, 0, nw, nh, dst, 0, nw);
        return turnedImage;
    }

    /** Centre-crops (cover) or pads (contain: transparent, or white without alpha) to the canvas. */
    private static BufferedImage frame(BufferedImage image, Plan plan, boolean alpha) {
        if (image.getWidth() == plan.canvasWidth() && image.getHeight() == plan.canvasHeight()) {
            return image;
        }
        BufferedImage canvas = new BufferedImage(plan.canvasWidth(), plan.canvasHeight(),
            alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            if (!alpha) {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            }
            g.setComposite(AlphaComposite.Src);
            g.drawImage(image, (plan.canvasWidth() - image.getWidth()) / 2, (plan.canvasHeight() - image.getHeight()) / 2, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    private static byte[] encode(BufferedImage image, VariantSpec spec) throws IOException {
        String name = spec.format() == ImageFormat.JPEG ? "jpeg" : "png";
        ImageWriter writer = ImageIO.getImageWritersByFormatName(name).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (spec.format() == ImageFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(spec.quality() / 100f);
            }
            // No metadata object: nothing of the source's EXIF, XMP or comments is carried over.
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static DomainException undecodable(String why) {
        return new DomainException(ErrorCode.UNSUPPORTED_TYPE, "the image could not be decoded (" + why + ")");
    }
}
