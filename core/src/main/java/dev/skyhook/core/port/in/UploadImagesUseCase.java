package dev.skyhook.core.port.in;

import java.net.URI;
import java.util.List;

public interface UploadImagesUseCase {
    /** Stores every file or none, and returns their public URLs in the order given. */
    List<URI> upload(UploadImagesCommand command);
}
