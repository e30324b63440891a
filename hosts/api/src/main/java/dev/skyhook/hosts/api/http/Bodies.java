package dev.skyhook.hosts.api.http;

import java.util.Locale;

/** Checks on a request body that come before reading it. */
public final class Bodies {
    private Bodies() {}

    /**
     * Refuses a body over {@code maxBytes} (413) or one not declared as JSON (415). A charset, if
     * given, must be UTF-8: JSON has no other encoding (RFC 8259).
     */
    public static void requireJson(ApiRequest request, int maxBytes) {
        // A declared length refuses an oversized body before a byte of it is read.
        if (request.content().length() > maxBytes || request.body().length > maxBytes) {
            throw HttpError.payloadTooLarge(maxBytes);
        }
        String contentType = request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String[] parts = contentType.split(";");
        boolean json = parts[0].strip().equals("application/json");
        for (int i = 1; json && i < parts.length; i++) {
            String parameter = parts[i].strip().replace("\"", "");
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                json = false;
            }
        }
        if (!json) {
            throw HttpError.unsupportedMediaType("application/json");
        }
    }
}
