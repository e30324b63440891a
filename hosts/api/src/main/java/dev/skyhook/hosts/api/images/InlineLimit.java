package dev.skyhook.hosts.api.images;

/**
 * How large a variant may be to travel in the response itself, by where the response goes, as
 * {@code IMAGE_INLINE_LIMIT} writes it: {@code lambda} (the default), {@code edge}, or a number of
 * bytes. A larger variant is stored and redirected to instead.
 */
public final class InlineLimit {
    /** What a variant body may be so that, base64-encoded with headers, it fits Lambda's 6 MB response. */
    public static final long LAMBDA_BYTES = base64Room(6L * 1024 * 1024);
    /** The same for a Lambda@Edge generated response (1 MB). */
    public static final long EDGE_BYTES = base64Room(1024L * 1024);

    private InlineLimit() {}

    /** The limit in bytes for {@code IMAGE_INLINE_LIMIT}'s value (null or blank: {@code lambda}). */
    public static long parse(String value) {
        if (value == null || value.isBlank() || value.strip().equals("lambda")) {
            return LAMBDA_BYTES;
        }
        if (value.strip().equals("edge")) {
            return EDGE_BYTES;
        }
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes >= 1) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(
                "IMAGE_INLINE_LIMIT must be lambda, edge or a positive number of bytes, not " + value);
    }

    /** 8 KiB left for headers and the envelope; base64 turns 3 bytes into 4. */
    private static long base64Room(long responseLimit) {
        return (responseLimit - 8 * 1024) / 4 * 3;
    }
}
