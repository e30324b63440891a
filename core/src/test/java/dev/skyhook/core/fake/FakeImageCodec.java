package dev.skyhook.core.fake;

import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.port.out.ImageCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Renders a description of the variant (or {@code outputBytes} bytes of it) and counts its calls. */
public final class FakeImageCodec implements ImageCodec {
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int outputBytes = -1;

    @Override
    public byte[] render(byte[] source, int orientation, VariantSpec spec) {
        calls.incrementAndGet();
        byte[] description = ("VARIANT " + spec.canonical() + " orientation " + orientation).getBytes(StandardCharsets.US_ASCII);
        return outputBytes < 0 ? description : Arrays.copyOf(description, outputBytes);
    }

    /** How many times it was asked to render. */
    public int calls() {
        return calls.get();
    }

    /** Makes every later variant exactly {@code bytes} long. */
    public void produce(int bytes) {
        outputBytes = bytes;
    }
}
