package dev.skyhook.core.port.in;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.BlobKey;
import dev.skyhook.core.model.BlobSource;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file to keep under a name the client chose. The name is a key, so it is checked as one (no
 * {@code ..}, no leading {@code /}, no backslashes or control characters, at most 1024 bytes,
 * Unicode in NFC); an unusable content type is stored as {@code application/octet-stream}.
 */
public record UploadFileCommand(BlobKey name, BlobSource content, String contentType) {
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9][\\w.+-]*/[A-Za-z0-9][\\w.+-]*");
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    public UploadFileCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        contentType = contentType == null || !MEDIA_TYPE.matcher(contentType.strip()).matches()
            ? DEFAULT_CONTENT_TYPE : contentType.strip();
    }

    /** Checks a client's file name; refusals name the field {@code filename}. */
    public static BlobKey fileName(String filename) {
        if (filename == null) {
            throw DomainException.invalid("filename", "filename is required");
        }
        return BlobKey.of("filename", filename);
    }
}
