package dev.skyhook.core.port.in;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.BlobSource;
import dev.skyhook.core.model.FileOwner;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file to keep under a name its owner chose. Names are the owner's own: one owner's
 * {@code reports/q3.pdf} is not another's. The name is part of a key, so it is checked as one (no
 * {@code ..}, no leading {@code /}, no backslashes or control characters, at most
 * {@value #MAX_NAME_BYTES} bytes of UTF-8) and kept in Unicode NFC: two spellings of one name (a
 * precomposed {@code é} and {@code e} with a combining accent) are one file, and uploading either
 * replaces it. An unusable content type is stored as {@code application/octet-stream}.
 */
public record UploadFileCommand(FileOwner owner, BlobKey name, BlobSource content, String contentType) {
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9][\\w.+-]*/[A-Za-z0-9][\\w.+-]*");
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    /** What S3's 1024-byte keys leave after the owner's prefix. */
    public static final int MAX_NAME_BYTES = BlobKey.MAX_UTF8_BYTES - FileOwner.KEY_PREFIX_BYTES;

    public UploadFileCommand {
        Objects.requireNonNull(owner, "owner");
        fitsAfterTheOwnersPrefix(Objects.requireNonNull(name, "name"));
        Objects.requireNonNull(content, "content");
        contentType =
                contentType == null || !MEDIA_TYPE.matcher(contentType.strip()).matches()
                        ? DEFAULT_CONTENT_TYPE
                        : contentType.strip();
    }

    /** Checks a client's file name; refusals name the field {@code filename}. */
    public static BlobKey fileName(String filename) {
        if (filename == null) {
            throw DomainException.invalid("filename", "filename is required");
        }
        return fitsAfterTheOwnersPrefix(BlobKey.of("filename", filename));
    }

    private static BlobKey fitsAfterTheOwnersPrefix(BlobKey name) {
        if (name.value().getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw DomainException.invalid("filename", "filename must be at most " + MAX_NAME_BYTES + " bytes of UTF-8");
        }
        return name;
    }
}
