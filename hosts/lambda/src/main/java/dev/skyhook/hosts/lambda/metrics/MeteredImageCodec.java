package dev.skyhook.hosts.lambda.metrics;

import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.model.ImageFormat;
import dev.skyhook.core.model.VariantSpec;
import dev.skyhook.core.port.out.ImageCodec;
import java.io.InputStream;
import java.util.Set;

/** Times every variant the codec renders; cached variants are never rendered, so never timed. */
public final class MeteredImageCodec implements ImageCodec {
    private final ImageCodec codec;
    private final EmfMetrics metrics;

    public MeteredImageCodec(ImageCodec codec, EmfMetrics metrics) {
        this.codec = codec;
        this.metrics = metrics;
    }

    @Override
    public byte[] render(byte[] source, int orientation, VariantSpec spec, Deadline deadline) {
        long started = System.nanoTime();
        byte[] rendered = codec.render(source, orientation, spec, deadline);
        metrics.record(EmfMetrics.Metric.VARIANT_TIME, (System.nanoTime() - started) / 1_000_000.0);
        return rendered;
    }

    @Override
    public Set<ImageFormat> outputFormats() {
        return codec.outputFormats();
    }

    @Override
    public long maxOutputPixels(ImageFormat format) {
        return codec.maxOutputPixels(format);
    }

    @Override
    public void verify(InputStream source, Deadline deadline) {
        codec.verify(source, deadline);
    }

    @Override
    public long worstCaseHeapBytes(long pixels, long sourceBytes) {
        return codec.worstCaseHeapBytes(pixels, sourceBytes);
    }
}
