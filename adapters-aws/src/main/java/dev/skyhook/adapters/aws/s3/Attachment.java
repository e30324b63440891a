package dev.skyhook.adapters.aws.s3;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a key's last segment (RFC 6266): an ASCII fallback in
 * {@code filename} and the exact name, UTF-8 and percent-encoded, in {@code filename*} (RFC 5987).
 */
final class Attachment {
    private static final String HEX = "0123456789ABCDEF";

    private Attachment() {}

    static String dispositionFor(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            name = "download";
        }
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + encode(name);
    }

    /**
     * Printable ASCII only, without the characters a quoted string or a lenient browser would read
     * specially: the quote and backslash end or escape it, and some browsers percent-decode it.
     */
    private static String asciiFallback(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints()
                .forEach(
                        c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        return ascii.toString();
    }

    /** Every byte outside RFC 5987's attr-char set (here: letters, digits and {@code -._~}) as {@code %XX}. */
    private static String encode(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return encoded.toString();
    }
}
