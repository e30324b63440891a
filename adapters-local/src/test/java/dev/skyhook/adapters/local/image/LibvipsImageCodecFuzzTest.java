package dev.skyhook.adapters.local.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.skyhook.core.port.out.ImageCodec;
import java.io.IOException;

/**
 * The ImageIO codec's fuzz target run against the libvips codec: arbitrary bytes after the header
 * checks give a variant inside the box or an {@code UNSUPPORTED_TYPE}/{@code TOO_LARGE} refusal; a native
 * crash would end the JVM. Saved inputs in {@code LibvipsImageCodecFuzzTestInputs/} (the ImageIO
 * target's, and what fuzzing this one found) run as regression tests under {@code mvn test}.
 */
class LibvipsImageCodecFuzzTest {
    private static final ImageCodec CODEC = ImageCodecs.load(
            new ImageCodecs.Settings(ImageCodecs.Kind.LIBVIPS, java.util.Optional.empty(), 1), 1_000_000);

    @FuzzTest
    void rendersOrRefusesAsUnsupported(byte[] source) throws IOException {
        ImageIoImageCodecFuzzTest.rendersOrRefuses(CODEC, source);
    }
}
