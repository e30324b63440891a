package dev.skyhook.core.model;

import dev.skyhook.core.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Where a blob is kept: slash-separated segments, as in S3, that are safe as a file path too. No
 * empty, {@code .} or {@code ..} segments, no leading slash, no backslashes or control characters,
 * at most {@value #MAX_UTF8_BYTES} bytes of UTF-8 (S3's limit), Unicode in NFC.
 */
public record BlobKey(String value) {
    public static final int MAX_UTF8_BYTES = 1024;

    public BlobKey {
        value = check("key", value);
    }

    /** Checks a key that a client chose; refusals name {@code field}. */
    public static BlobKey of(String field, String value) {
        return new BlobKey(check(field, value));
    }

    public BlobKey child(String name) {
        return of("key", value + "/" + name);
    }

    public boolean startsWith(String prefix) {
        return value.startsWith(prefix);
    }

    private static String check(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw DomainException.invalid(field, field + " must not be empty");
        }
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC);
        if (normalized.getBytes(StandardCharsets.UTF_8).length > MAX_UTF8_BYTES) {
            throw DomainException.invalid(field, field + " must be at most " + MAX_UTF8_BYTES + " bytes of UTF-8");
        }
        if (normalized.startsWith("/")) {
            throw DomainException.invalid(field, field + " must not start with '/'");
        }
        if (normalized.indexOf('\\') >= 0) {
            throw DomainException.invalid(field, field + " must not contain backslashes");
        }
        if (normalized.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            throw DomainException.invalid(field, field + " must not contain control characters");
        }
        for (String segment : normalized.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw DomainException.invalid(field, field + " must not contain empty, '.' or '..' segments");
            }
        }
        return normalized;
    }

    @Override
    public String toString() {
        return value;
    }
}
