package dev.skyhook.hosts.api.multipart;

/** Bounds applied while a multipart body is read, before anything reaches the domain. */
public record MultipartLimits(long maxFileBytes, long maxBodyBytes, int maxParts, int maxFieldBytes) {
    public MultipartLimits {
        if (maxFileBytes < 1 || maxBodyBytes < 1 || maxParts < 1 || maxFieldBytes < 1) {
            throw new IllegalArgumentException("multipart limits must be positive");
        }
    }
}
