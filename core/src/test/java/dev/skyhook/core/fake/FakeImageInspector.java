package dev.skyhook.core.fake;

import dev.skyhook.core.model.ImageFacts;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.Inspection;
import dev.skyhook.core.port.out.ImageInspector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Recognises a made-up header, {@code FAKE PNG 640x480\n} (optionally {@code FAKE JPEG 640x480 6 300\n}
 * for an orientation and a scan count, and {@code FAKE WEBP 640x480 1 1 alpha\n} for transparency), so core tests can describe images in one line. Anything else is
 * "unknown".
 */
public final class FakeImageInspector implements ImageInspector {
    public static byte[] image(ImageFormat format, long width, long height) {
        return ("FAKE " + format.name() + " " + width + "x" + height + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] image(ImageFormat format, long width, long height, int orientation, int scans) {
        return ("FAKE " + format.name() + " " + width + "x" + height + " " + orientation + " " + scans + "\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A transparent image: one with an alpha channel. */
    public static byte[] transparent(ImageFormat format, long width, long height) {
        return ("FAKE " + format.name() + " " + width + "x" + height + " 1 1 alpha\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Inspection inspect(InputStream content) {
        try {
            String header = new String(content.readNBytes(64), StandardCharsets.US_ASCII);
            if (!header.startsWith("FAKE ") || header.indexOf('\n') < 0) {
                return Inspection.notAnImage("unknown");
            }
            String[] parts = header.substring(0, header.indexOf('\n')).split(" ");
            String[] size = parts[2].split("x");
            int orientation = parts.length > 3 ? Integer.parseInt(parts[3]) : 1;
            int scans = parts.length > 4 ? Integer.parseInt(parts[4]) : 1;
            return Inspection.image(new ImageFacts(
                    ImageFormat.valueOf(parts[1]),
                    Long.parseLong(size[0]),
                    Long.parseLong(size[1]),
                    orientation,
                    scans,
                    parts.length > 5 && parts[5].equals("alpha")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
