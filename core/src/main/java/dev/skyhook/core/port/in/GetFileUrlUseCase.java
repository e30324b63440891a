package dev.skyhook.core.port.in;

import dev.skyhook.core.model.FileOwner;
import dev.skyhook.core.model.SignedRequest;

public interface GetFileUrlUseCase {
    /**
     * A time-limited download URL for one of {@code owner}'s files; {@code NOT_FOUND} when the owner
     * has no file of that name, whoever else has.
     */
    SignedRequest downloadUrl(FileOwner owner, String filename);
}
