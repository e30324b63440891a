package dev.skyhook.adapters.local.image;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.port.out.ImageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongToIntFunction;
import java.util.regex.Pattern;

/**
 * The image codec on libvips (sharp's own build of it, called through FFM). One render is
 * {@code thumbnail} (shrink-on-load: a JPEG decodes at 1/2, 1/4 or 1/8 scale, a WebP at any scale;
 * Lanczos-3 for the rest; EXIF orientation applied; embedded ICC profiles, and CMYK without one,
 * converted to sRGB; the first frame of an animation composited on its canvas), then the crop or
 * padding of the fit, then one encoder with no metadata kept. libvips streams the pixels through
 * this pipeline in tiles while the encoder writes.
 *
 * <p>Only the decoders of the upload formats run: bytes that libvips would read with another loader
 * (SVG, PDF, ...) are refused before decoding, operations marked unsafe for untrusted input are
 * blocked, and decoders fail on errors in the data (a truncated or corrupt file is refused rather than
 * served half grey). The pixel limit is checked again on the decoder's own header.
 *
 * <p>Orientation: libvips applies the EXIF orientation it reads itself, the same tag the inspector
 * read for {@code orientation}; the picture is then brought to the spec's size exactly.
 *
 * <p>Memory: the source is copied once off the heap for the call; the pixels live in native memory,
 * which {@link #worstCaseHeapBytes} counts as if it were heap (see there).
 */
public final class LibvipsImageCodec implements ImageCodec {
    /** The decoders of the formats uploads may have, by libvips' class names. */
    private static final Set<String> LOADERS = Set.of(
            "VipsForeignLoadJpegBuffer",
            "VipsForeignLoadPngBuffer",
            "VipsForeignLoadSpngBuffer",
            "VipsForeignLoadNsgifBuffer",
            "VipsForeignLoadWebpBuffer",
            "VipsForeignLoadHeifBuffer",
            "VipsForeignLoadTiffBuffer");

    private static final Set<ImageFormat> OUTPUT_FORMATS =
            EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.AVIF, ImageFormat.GIF);
    /** Verification decodes to about this many pixels a side: the decoder still reads every byte. */
    private static final int VERIFY_SIDE = 64;
    /** Speed against size of the WebP and AVIF encoders, 0..6 and 0..9: sharp's defaults (4). */
    private static final int ENCODER_EFFORT = 4;

    /**
     * The AV1 encoder cannot be stopped once it has started (libvips' kill flag stops the pixel
     * pipeline, not aom's encode of the frame), so its effort falls with the output's pixels, keeping
     * every AVIF render's CPU near or under 3 s on the benchmark machine: effort 4 (sharp's default) up to
     * this many pixels (a 640x468 variant; about 4.6 s of CPU a megapixel), ...
     */
    static final long AVIF_EFFORT_4_MAX_PIXELS = 300_000;
    /** ... effort 3 up to a 1920x1080 variant (about 0.4 s a megapixel), ... */
    static final long AVIF_EFFORT_3_MAX_PIXELS = 2_100_000;
    /** ... effort 1 above (about 0.16 s a megapixel: a few per cent more bytes than effort 3 at the same SSIM). */
    static final int AVIF_LARGE_EFFORT = 1;
    /**
     * And no AVIF above the largest box a request can name (4096 x 4096): a variant with both sides
     * within it is always made; a full-size AVIF of a larger source is refused (the service offers WebP
     * instead). Effort 1 at this size measured 1.9-2.5 s of CPU; at the 50-megapixel source limit it was
     * 8.9 s, and more memory.
     */
    static final long AVIF_MAX_PIXELS = 4096L * 4096;

    /**
     * The GIF encoder (cgif, quantising the whole frame with libimagequant at libvips' default effort 7)
     * cannot be stopped either: 4.5-7 s of CPU a megapixel on a photo, 33 s for a 50-megapixel frame.
     * Above this (800 x 800, about 3 s), a GIF source's variant is a PNG, which the deadline stops.
     */
    static final long GIF_MAX_PIXELS = 800L * 800;

    /**
     * The request's quality is on JPEG's scale: {@code q=90} asks for what a q90 JPEG looks like. These
     * are the WebP and AVIF encoder qualities that give the same SSIM as the JPEG at q50, q75 and q90
     * (the medians over a corpus of photos; see the image benchmarks), joined by straight lines and
     * ending at 1 and 100.
     */
    private static final int[][] WEBP_QUALITY = {{1, 1}, {50, 50}, {75, 76}, {90, 87}, {100, 100}};

    private static final int[][] AVIF_QUALITY = {{1, 1}, {50, 43}, {75, 53}, {90, 75}, {100, 100}};

    private static final String LOAD_OPTIONS = "fail_on=error";

    /**
     * The decoders' own words for a valid file they cannot read: libjpeg's 12- and 16-bit samples and
     * SOF types it lacks, libvips' unknown formats, libheif's and libwebp's unsupported features and bit
     * depths. Everything else is damage, including libjpeg's "Unsupported marker type" (a marker no
     * encoder writes: corrupt data).
     */
    private static final Pattern NOT_SUPPORTED = Pattern.compile(
            "Unsupported JPEG (data precision|process)|Unsupported colou?r conversion"
                    + "|not a known (file )?format|not in a known format"
                    + "|Unsupported (feature|codec|file-type|bit depth)|bit (colou?r )?depth not supported"
                    + "|not supported by this decoder|not supported yet|UNSUPPORTED_FEATURE",
            Pattern.CASE_INSENSITIVE);

    private final Libvips vips;
    private final NativeRenderStopper stopper;
    private final long maxPixels;
    private final Encoders encoders;

    /**
     * What the encoders are given beyond the quality: the shipped choice ({@link #SHIPPED}), or others
     * the benchmarks compare.
     *
     * @param avifEffort the AV1 effort (0..9) for a variant of so many pixels
     * @param avifMaxPixels the largest AVIF variant
     * @param webpOptions more {@code webpsave} options, as name and value pairs
     */
    record Encoders(LongToIntFunction avifEffort, long avifMaxPixels, List<Object> webpOptions) {
        static final Encoders SHIPPED = new Encoders(LibvipsImageCodec::avifEffort, AVIF_MAX_PIXELS, List.of());

        Encoders {
            if (avifMaxPixels < 1 || webpOptions.size() % 2 != 0) {
                throw new IllegalArgumentException("a positive AVIF cap and WebP options in name and value pairs");
            }
            webpOptions = List.copyOf(webpOptions);
        }
    }

    /** @param stopper shared by every codec on this library: one watcher thread a process */
    LibvipsImageCodec(Libvips vips, NativeRenderStopper stopper, long maxPixels) {
        this(vips, stopper, maxPixels, Encoders.SHIPPED);
    }

    LibvipsImageCodec(Libvips vips, NativeRenderStopper stopper, long maxPixels, Encoders encoders) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive");
        }
        this.vips = vips;
        this.stopper = stopper;
        this.maxPixels = maxPixels;
        this.encoders = encoders;
    }

    /**
     * Renders a 1x1 PNG into each web format and verifies it: proves the library works before it is
     * chosen, and builds the downcall handles at start (or before a SnapStart snapshot) rather than
     * in the first request.
     */
    void warmUp() {
        byte[] pixel = java.util.Base64.getDecoder()
                .decode(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        for (ImageFormat format : List.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP)) {
            render(pixel, 1, new VariantSpec(1, 1, 1, 1, 80, format), Deadline.none());
        }
        verify(new java.io.ByteArrayInputStream(pixel), Deadline.none());
    }

    /** libvips' allocations that are live now (for the leak test). */
    int trackedAllocations() {
        return vips.trackedAllocations();
    }

    @Override
    public Set<ImageFormat> outputFormats() {
        return OUTPUT_FORMATS;
    }

    @Override
    public long maxOutputPixels(ImageFormat format) {
        return switch (format) {
            case AVIF -> encoders.avifMaxPixels();
            case GIF -> GIF_MAX_PIXELS;
            default -> Long.MAX_VALUE;
        };
    }

    @Override
    public byte[] render(byte[] source, int orientation, VariantSpec spec, Deadline deadline) {
        if (!OUTPUT_FORMATS.contains(spec.format())) {
            throw new IllegalArgumentException("libvips does not encode " + spec.format() + " here");
        }
        if (spec.pixels() > maxOutputPixels(spec.format())) {
            throw new IllegalArgumentException("libvips encodes " + spec.format() + " up to "
                    + maxOutputPixels(spec.format()) + " pixels here, not " + spec.pixels());
        }
        stopIfReached(deadline);
        try (Arena arena = Arena.ofConfined();
                Images images = new Images()) {
            MemorySegment bytes = arena.allocate(Math.max(1, source.length));
            MemorySegment.copy(source, 0, bytes, JAVA_BYTE, 0, source.length);
            bytes = bytes.asSlice(0, source.length);
            boolean profiled = checkHeader(bytes);
            // The picture at its exact size (the aspect was kept when the size was chosen), upright, in sRGB.
            MemorySegment out = arena.allocate(ADDRESS);
            List<Object> args = new ArrayList<>(List.of(
                    bytes,
                    bytes.byteSize(),
                    out,
                    spec.pictureWidth(),
                    "height",
                    spec.pictureHeight(),
                    "size",
                    Libvips.SIZE_FORCE,
                    "option_string",
                    LOAD_OPTIONS));
            if (profiled) {
                args.addAll(List.of("export_profile", "srgb")); // from the embedded profile (ProPhoto, Display P3, ...)
            }
            check(vips.operation("vips_thumbnail_buffer", 4, args.toArray()), null, deadline);
            MemorySegment image = images.add(out.get(ADDRESS, 0));
            image = eightBitSrgb(arena, images, image, deadline);
            boolean alpha = spec.format() != ImageFormat.JPEG;
            if (!alpha && vips.hasAlpha(image)) {
                image = apply(arena, images, deadline, "vips_flatten", image, "background", vips.doubles(arena, 255));
            }
            image = frame(arena, images, image, spec, alpha, deadline);
            stopIfReached(deadline);
            return encode(arena, image, spec, deadline);
        }
    }

    @Override
    public void verify(InputStream source, Deadline deadline) {
        stopIfReached(deadline);
        // Spooled to an owner-only file and mapped, not read onto the heap: an upload of any size is
        // verified with a constant heap (the pages are the file's, which the kernel can drop).
        Path spool = null;
        try {
            spool = Files.createTempFile(
                    "skyhook-verify-",
                    ".img",
                    PosixFilePermissions.asFileAttribute(
                            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
            try (OutputStream out = Files.newOutputStream(spool)) {
                source.transferTo(out);
            }
            try (FileChannel channel = FileChannel.open(spool, StandardOpenOption.READ);
                    Arena arena = Arena.ofConfined();
                    Images images = new Images()) {
                long size = channel.size();
                MemorySegment bytes = size == 0
                        ? arena.allocate(1).asSlice(0, 0)
                        : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
                checkHeader(bytes);
                MemorySegment out = arena.allocate(ADDRESS);
                check(
                        vips.operation(
                                "vips_thumbnail_buffer",
                                4,
                                bytes,
                                bytes.byteSize(),
                                out,
                                VERIFY_SIDE,
                                "height",
                                VERIFY_SIDE,
                                "option_string",
                                LOAD_OPTIONS),
                        null,
                        deadline);
                MemorySegment image = images.add(out.get(ADDRESS, 0));
                // The average of every pixel: computing it decodes the whole file.
                MemorySegment average = arena.allocate(JAVA_DOUBLE);
                try (NativeRenderStopper.Watch watch = stopper.watch(image, deadline)) {
                    check(vips.operation("vips_avg", 2, image, average), watch, deadline);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    // a leftover temporary file is harmless; the verification's outcome stands
                }
            }
        }
    }

    /**
     * The most memory, heap and native together, one render or verification can take: the source
     * twice (on the heap and its native copy), the pixels of the decoded frame at 4 bytes a pixel (a
     * decoder that cannot shrink on load, or a rotation, may hold a whole frame), the encoded output
     * (at most about 4 bytes a pixel plus 1/32 for PNG's blocks) and 16 MiB for libvips' per-thread
     * buffers and the encoders' state. Native memory is counted here as if it were heap, so the render
     * pool's bound (permits x this) covers both: size the heap with it and leave the same again
     * outside the heap (see the image documentation).
     */
    @Override
    public long worstCaseHeapBytes(long pixels, long sourceBytes) {
        return 2 * sourceBytes + 2L * ImageIoImageCodec.MAX_BYTES_PER_PIXEL * pixels + pixels / 4 + 16L * 1024 * 1024;
    }

    /**
     * Only the upload formats' decoders, and no more pixels than the limit, whatever the inspected
     * header said. Returns whether the image carries an ICC profile.
     */
    private boolean checkHeader(MemorySegment bytes) {
        String loader = vips.loaderFor(bytes);
        if (!LOADERS.contains(loader)) {
            throw undecodable(loader.isEmpty() ? "no decoder for this content" : "not an upload format: " + loader);
        }
        MemorySegment header = vips.imageFromBuffer(bytes);
        if (header.equals(MemorySegment.NULL)) {
            throw undecodable(reason(vips.takeError()));
        }
        try {
            long width = vips.width(header);
            long height = vips.height(header);
            if (width * height > maxPixels) {
                throw undecodable("the image data is " + width + "x" + height + " pixels, over the limit of "
                        + maxPixels + " whatever its header says");
            }
            return vips.has(header, "icc-profile-data");
        } finally {
            vips.unref(header);
        }
    }

    /** 8 bits a sample, sRGB or grey: 16-bit PNGs and TIFFs, and any other space, are converted. */
    private MemorySegment eightBitSrgb(Arena arena, Images images, MemorySegment image, Deadline deadline) {
        int interpretation = vips.interpretation(image);
        boolean grey = interpretation == Libvips.INTERPRETATION_B_W || interpretation == Libvips.INTERPRETATION_GREY16;
        if (vips.bandFormat(image) != Libvips.FORMAT_UCHAR
                || (interpretation != Libvips.INTERPRETATION_SRGB && interpretation != Libvips.INTERPRETATION_B_W)) {
            image = apply(
                    arena,
                    images,
                    deadline,
                    "vips_colourspace",
                    image,
                    grey ? Libvips.INTERPRETATION_B_W : Libvips.INTERPRETATION_SRGB);
        }
        if (vips.bandFormat(image) != Libvips.FORMAT_UCHAR) {
            image = apply(arena, images, deadline, "vips_cast_uchar", image);
        }
        return image;
    }

    /**
     * Centre-crops (cover) or pads (contain) the picture to the canvas. Padding is transparent in the
     * formats with alpha (an alpha channel is added for it), white in JPEG.
     */
    private MemorySegment frame(
            Arena arena, Images images, MemorySegment image, VariantSpec spec, boolean alpha, Deadline deadline) {
        int width = vips.width(image);
        int height = vips.height(image);
        if (width == spec.width() && height == spec.height()) {
            return image;
        }
        if (width >= spec.width() && height >= spec.height()) {
            return apply(
                    arena,
                    images,
                    deadline,
                    "vips_extract_area",
                    image,
                    (width - spec.width()) / 2,
                    (height - spec.height()) / 2,
                    spec.width(),
                    spec.height());
        }
        if (alpha && !vips.hasAlpha(image)) {
            image = apply(arena, images, deadline, "vips_bandjoin_const1", image, 255.0);
        }
        return apply(
                arena,
                images,
                deadline,
                "vips_embed",
                image,
                (spec.width() - width) / 2,
                (spec.height() - height) / 2,
                spec.width(),
                spec.height(),
                "extend",
                Libvips.EXTEND_BACKGROUND,
                "background",
                vips.doubles(arena, alpha ? 0 : 255));
    }

    /** Runs the encoder, which pulls the pixels through the whole pipeline, within the deadline. */
    private byte[] encode(Arena arena, MemorySegment image, VariantSpec spec, Deadline deadline) {
        MemorySegment buffer = arena.allocate(ADDRESS);
        MemorySegment length = arena.allocate(JAVA_LONG);
        int quality = encoderQuality(spec.format(), spec.quality());
        try (NativeRenderStopper.Watch watch = stopper.watch(image, deadline)) {
            int result = switch (spec.format()) {
                // Huffman tables optimised, 4:2:0 chroma at every quality: sharp's defaults.
                case JPEG ->
                    vips.operation(
                            "vips_jpegsave_buffer",
                            3,
                            image,
                            buffer,
                            length,
                            "Q",
                            quality,
                            "optimize_coding",
                            true,
                            "subsample_mode",
                            Libvips.SUBSAMPLE_ON,
                            "keep",
                            Libvips.KEEP_NONE);
                case WEBP -> {
                    List<Object> args = new ArrayList<>(List.of(
                            image, buffer, length, "Q", quality, "effort", ENCODER_EFFORT, "keep", Libvips.KEEP_NONE));
                    args.addAll(encoders.webpOptions());
                    yield vips.operation("vips_webpsave_buffer", 3, args.toArray());
                }
                case AVIF ->
                    vips.operation(
                            "vips_heifsave_buffer",
                            3,
                            image,
                            buffer,
                            length,
                            "Q",
                            quality,
                            "compression",
                            Libvips.HEIF_COMPRESSION_AV1,
                            "effort",
                            encoders.avifEffort().applyAsInt(spec.pixels()),
                            "keep",
                            Libvips.KEEP_NONE);
                case GIF -> vips.operation("vips_gifsave_buffer", 3, image, buffer, length, "keep", Libvips.KEEP_NONE);
                default -> vips.operation("vips_pngsave_buffer", 3, image, buffer, length, "keep", Libvips.KEEP_NONE);
            };
            check(result, watch, deadline);
        }
        MemorySegment encoded = buffer.get(ADDRESS, 0);
        try {
            return encoded.reinterpret(length.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
        } finally {
            vips.free(encoded);
        }
    }

    /** The AV1 effort for a variant of {@code pixels} pixels (see {@link #AVIF_EFFORT_4_MAX_PIXELS}). */
    static int avifEffort(long pixels) {
        if (pixels <= AVIF_EFFORT_4_MAX_PIXELS) {
            return ENCODER_EFFORT;
        }
        return pixels <= AVIF_EFFORT_3_MAX_PIXELS ? ENCODER_EFFORT - 1 : AVIF_LARGE_EFFORT;
    }

    /** The encoder's own quality for a quality on JPEG's scale (see {@link #WEBP_QUALITY}). */
    static int encoderQuality(ImageFormat format, int quality) {
        int[][] points = switch (format) {
            case WEBP -> WEBP_QUALITY;
            case AVIF -> AVIF_QUALITY;
            default -> null;
        };
        if (points == null) {
            return quality;
        }
        int i = 1;
        while (points[i][0] < quality) {
            i++;
        }
        int[] low = points[i - 1];
        int[] high = points[i];
        return low[1] + Math.round((float) (quality - low[0]) * (high[1] - low[1]) / (high[0] - low[0]));
    }

    /** One operation of one image in and one out ({@code args} after the output), the new image kept for unref. */
    private MemorySegment apply(
            Arena arena, Images images, Deadline deadline, String operation, MemorySegment in, Object... args) {
        stopIfReached(deadline);
        MemorySegment out = arena.allocate(ADDRESS);
        int fixed = 2;
        List<Object> all = new ArrayList<>(List.of(in, out));
        for (Object arg : args) {
            if (arg instanceof String) {
                break; // the options begin
            }
            fixed++;
        }
        all.addAll(List.of(args));
        int result = vips.operation(operation, fixed, all.toArray());
        for (Object arg : args) {
            if (arg instanceof MemorySegment area) {
                vips.unrefArea(area); // the operation holds its own reference to an array option
            }
        }
        check(result, null, deadline);
        return images.add(out.get(ADDRESS, 0));
    }

    private void check(int result, NativeRenderStopper.Watch watch, Deadline deadline) {
        if (result == 0) {
            return;
        }
        String error = vips.takeError();
        if ((watch != null && watch.killed()) || deadline.reached()) {
            throw stopped(deadline);
        }
        throw undecodable(reason(error));
    }

    /** "not supported: " or "damaged: ", then the error's first line. */
    static String reason(String error) {
        return (NOT_SUPPORTED.matcher(error).find() ? "not supported: " : "damaged: ") + firstLine(error);
    }

    /** The images of one render, given back together (in reverse, the last made first). */
    private final class Images implements AutoCloseable {
        private final List<MemorySegment> made = new ArrayList<>();

        MemorySegment add(MemorySegment image) {
            made.add(image);
            return image;
        }

        @Override
        public void close() {
            for (int i = made.size() - 1; i >= 0; i--) {
                vips.unref(made.get(i));
            }
        }
    }

    private static String firstLine(String error) {
        String line = error.isEmpty()
                ? "libvips gave no reason"
                : error.lines().findFirst().orElse(error);
        return line.length() > 200 ? line.substring(0, 200) : line;
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

    private static DomainException undecodable(String why) {
        return new DomainException(ErrorCode.UNSUPPORTED_TYPE, "the image could not be decoded (" + why + ")");
    }
}
