package dev.skyhook.core.policy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.BlobKey;
import java.util.OptionalLong;

/**
 * How much one owner may keep under {@code files/}: at most {@code maxBytes} in all and at most
 * {@code maxFiles} files. An upload may not grow either total past its limit; replacing a file counts
 * the difference (a larger file adds its growth, a smaller one shrinks the total, the count stays),
 * so an owner over a limit that was lowered can still replace files with smaller ones.
 *
 * @param maxBytes total bytes per owner, 1 or more
 * @param maxFiles files per owner, 1 to {@value #MAX_FILES_LIMIT}; it also bounds the listing that counts them
 */
public record FileQuota(long maxBytes, int maxFiles) {
    public static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;
    public static final int DEFAULT_MAX_FILES = 1000;
    /** Counting usage lists the owner's files: ten S3 list pages at most per upload. */
    public static final int MAX_FILES_LIMIT = 10_000;

    public FileQuota {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the byte quota must be at least 1 byte, was " + maxBytes);
        }
        if (maxFiles < 1 || maxFiles > MAX_FILES_LIMIT) {
            throw new IllegalArgumentException(
                    "the file quota must be 1 to " + MAX_FILES_LIMIT + " files, was " + maxFiles);
        }
    }

    /** 1 GiB and 1000 files per owner. */
    public static FileQuota defaults() {
        return new FileQuota(DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES);
    }

    /**
     * What an owner stores now. {@code files} may be {@code maxFiles + 1}, meaning "more than the
     * limit": usage is counted from a listing cut off there, so {@code bytes} is then a lower bound.
     */
    public record Usage(long files, long bytes) {
        public Usage {
            if (files < 0 || bytes < 0) {
                throw new IllegalArgumentException(
                        "usage cannot be negative: " + files + " files, " + bytes + " bytes");
            }
        }
    }

    /**
     * Refuses, with {@link ErrorCode#QUOTA_EXCEEDED}, storing {@code length} bytes under {@code name}
     * for an owner who uses {@code used} and keeps {@code replaced} bytes under that name now (empty
     * when the name is new).
     */
    public void admit(Usage used, OptionalLong replaced, long length, BlobKey name) {
        if (used.files() > maxFiles) {
            // Only after the limit was lowered; the listing stopped counting, so bytes are unknown too.
            throw exceeded("you keep more than " + maxFiles + " files, and each user may keep at most " + maxFiles);
        }
        if (replaced.isEmpty() && used.files() + 1 > maxFiles) {
            throw exceeded("storing '" + name + "' would make " + (used.files() + 1)
                    + " files, and each user may keep at most " + maxFiles
                    + " (replacing one of them is still possible)");
        }
        long growth = length - replaced.orElse(0);
        long after = used.bytes() + growth;
        if (growth > 0 && after > maxBytes) {
            throw exceeded("storing '" + name + "' (" + length + " bytes) would bring your files to " + after
                    + " bytes, and each user may keep at most " + maxBytes + " bytes");
        }
    }

    private static DomainException exceeded(String detail) {
        return new DomainException(
                ErrorCode.QUOTA_EXCEEDED, "File quota exceeded: " + detail + ". Nothing was stored.");
    }
}
