package dev.skyhook.core.port.out;

import dev.skyhook.core.model.Inspection;
import java.io.InputStream;

/** Reads an image's real type, size and orientation from its first bytes, never decoding pixels. */
public interface ImageInspector {
    /** Reads as much of {@code content} as the header needs; never fails on content it does not know. */
    Inspection inspect(InputStream content);
}
