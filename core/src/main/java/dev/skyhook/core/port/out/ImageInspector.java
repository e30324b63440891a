package dev.skyhook.core.port.out;

import dev.skyhook.core.model.Inspection;
import java.io.InputStream;

/** Reads an image's real type, size, orientation and scan count from its bytes, never decoding pixels. */
public interface ImageInspector {
    /**
     * Reads as much of {@code content} as the facts need (all of a JPEG, to count its scans, in one
     * pass that skips entropy-coded data); never fails on content it does not know.
     */
    Inspection inspect(InputStream content);

    /**
     * Type, size and orientation from the header alone, without the scan count (which needs the whole
     * file): cheap enough for every request, for instance to name a cached variant.
     */
    default Inspection inspectHeader(InputStream content) {
        return inspect(content);
    }
}
