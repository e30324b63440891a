package dev.skyhook.core.port.in;

import dev.skyhook.core.model.SignedRequest;

public interface GetFileUrlUseCase {
    /** A time-limited download URL for a stored file; {@code NOT_FOUND} when there is no such file. */
    SignedRequest downloadUrl(String filename);
}
