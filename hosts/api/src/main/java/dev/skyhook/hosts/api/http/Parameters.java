package dev.skyhook.hosts.api.http;

/** Numbers from paths and query strings: digits only, so "+1", " 1", "1e3" and "0x1" are refused. */
public final class Parameters {
    private static final int MAX_LONG_DIGITS = 19;

    private Parameters() {}

    /** A non-negative whole number that fits in a {@code long}, or a 400 naming {@code field}. */
    public static long nonNegativeLong(String field, String value, String message) {
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_LONG_DIGITS
                || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw HttpError.badRequest(field, message);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest(field, message);
        }
    }
}
