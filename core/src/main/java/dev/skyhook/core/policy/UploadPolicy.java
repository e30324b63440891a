package dev.skyhook.core.policy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.Inspection;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an uploaded image must be: of an allowed format judged from its bytes, within the size
 * limits, within the pixel limit read from its header (so image bombs are refused before any
 * decode), and with at most {@code maxScans} JPEG scans (each scan of a progressive JPEG costs the
 * decoder about one more pass over the whole picture). Limits are per file, per request, and for
 * direct (presigned) uploads.
 */
public record UploadPolicy(
        AllowedPaths paths,
        Set<ImageFormat> formats,
        long maxFileBytes,
        long maxRequestBytes,
        int maxFiles,
        long maxPixels,
        long maxDirectUploadBytes,
        int maxScans) {
    public static final Set<ImageFormat> DEFAULT_FORMATS =
            EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF, ImageFormat.WEBP);
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 20L * 1024 * 1024;
    public static final int DEFAULT_MAX_FILES = 10;
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    public static final long DEFAULT_MAX_DIRECT_UPLOAD_BYTES = 100L * 1024 * 1024;
    /** Encoders write about 10 scans (libjpeg's progressive script has 10, mozjpeg's a few more): 100 leaves room. */
    public static final int DEFAULT_MAX_SCANS = 100;

    public UploadPolicy {
        Objects.requireNonNull(paths, "paths");
        formats = Set.copyOf(formats);
        if (formats.isEmpty()
                || maxFileBytes < 1
                || maxRequestBytes < maxFileBytes
                || maxFiles < 1
                || maxPixels < 1
                || maxDirectUploadBytes < 1
                || maxScans < 1) {
            throw new IllegalArgumentException(
                    "upload limits must be positive, with the request limit at least the file limit");
        }
    }

    public static UploadPolicy defaults(AllowedPaths paths) {
        return new UploadPolicy(
                paths,
                DEFAULT_FORMATS,
                DEFAULT_MAX_FILE_BYTES,
                DEFAULT_MAX_REQUEST_BYTES,
                DEFAULT_MAX_FILES,
                DEFAULT_MAX_PIXELS,
                DEFAULT_MAX_DIRECT_UPLOAD_BYTES,
                DEFAULT_MAX_SCANS);
    }

    public UploadPolicy withFormats(Set<ImageFormat> newFormats) {
        return new UploadPolicy(
                paths, newFormats, maxFileBytes, maxRequestBytes, maxFiles, maxPixels, maxDirectUploadBytes, maxScans);
    }

    public UploadPolicy withMaxScans(int newMaxScans) {
        return new UploadPolicy(
                paths, formats, maxFileBytes, maxRequestBytes, maxFiles, maxPixels, maxDirectUploadBytes, newMaxScans);
    }

    /** Anyone may read uploaded images and their variants; every other object (private files) stays private. */
    public boolean isPublic(BlobKey key) {
        return paths.holds(key) || ImageVariantPolicy.isVariant(key);
    }

    /** Refuses a file over the per-file limit before its content is even inspected. */
    public void checkSize(String name, long bytes, long limit) {
        if (bytes == 0) {
            throw DomainException.invalid("file", "file " + quoted(name) + " is empty");
        }
        if (bytes > limit) {
            throw new DomainException(
                    ErrorCode.TOO_LARGE,
                    "file " + quoted(name) + " is " + bytes + " bytes; the limit is " + limit + " bytes");
        }
    }

    /** The image's format if the inspection shows an allowed image within the pixel and scan limits. */
    public ImageFormat checkImage(String name, Inspection inspection) {
        ImageFacts facts = inspection
                .image()
                .orElseThrow(() -> new DomainException(
                        ErrorCode.UNSUPPORTED_TYPE,
                        "file " + quoted(name) + " is not an image (detected: " + inspection.detected() + "); allowed: "
                                + allowedNames()));
        if (!formats.contains(facts.format())) {
            throw new DomainException(
                    ErrorCode.UNSUPPORTED_TYPE,
                    "file " + quoted(name) + " is " + facts.format() + "; allowed: " + allowedNames());
        }
        if (facts.width() == 0 || facts.height() == 0) {
            throw DomainException.invalid("file", "file " + quoted(name) + " has no width or height in its header");
        }
        if (facts.pixels() > maxPixels) {
            throw new DomainException(
                    ErrorCode.TOO_LARGE,
                    "file " + quoted(name) + " is " + facts.width() + "x" + facts.height() + " pixels; the limit is "
                            + maxPixels + " pixels");
        }
        if (facts.scans() > maxScans) {
            throw new DomainException(
                    ErrorCode.TOO_LARGE,
                    "file " + quoted(name) + " is a progressive " + facts.format() + " with more than " + maxScans
                            + " scans (the limit; encoders write about 10)");
        }
        return facts.format();
    }

    /** The refusal of an image whose header passed but whose data does not decode (truncated, corrupt). */
    public DomainException damaged(String name, ImageFormat format, String why) {
        return DomainException.invalid("file", "file " + quoted(name) + " is a damaged " + format + ": " + why);
    }

    /** The allowed format whose media type is {@code mediaType}, for direct uploads that declare it. */
    public ImageFormat formatForMediaType(String mediaType) {
        return formats.stream()
                .filter(f -> f.mediaType().equalsIgnoreCase(mediaType == null ? "" : mediaType.strip()))
                .findFirst()
                .orElseThrow(() -> new DomainException(
                        ErrorCode.UNSUPPORTED_TYPE,
                        "contentType must be one of "
                                + formats.stream()
                                        .map(ImageFormat::mediaType)
                                        .sorted()
                                        .collect(Collectors.joining(", "))));
    }

    private String allowedNames() {
        return formats.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
    }

    /** A client's filename, shortened and quoted for a message (it is JSON-escaped later). */
    static String quoted(String name) {
        if (name == null || name.isBlank()) {
            return "(unnamed)";
        }
        return "'" + (name.length() > 80 ? name.substring(0, 80) + "..." : name) + "'";
    }
}
