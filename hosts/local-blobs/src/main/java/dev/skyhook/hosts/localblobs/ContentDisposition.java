package dev.skyhook.hosts.localblobs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** {@code Content-Disposition: attachment} with an ASCII fallback and the exact name in {@code filename*} (RFC 6266). */
public final class ContentDisposition {
    private ContentDisposition() {}

    public static String attachment(String filename) {
        StringBuilder ascii = new StringBuilder();
        filename.codePoints()
                .forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
