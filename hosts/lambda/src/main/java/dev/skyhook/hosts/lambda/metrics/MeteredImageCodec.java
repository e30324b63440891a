package dev.skyhook.hosts.lambda.metrics;

import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.model.VariantSpec;

/** Times every variant the codec renders; cached variants are never rendered, so never timed. */
public final class MeteredImageCodec implements ImageCodec {
    private final ImageCodec codec;
    private final EmfMetrics metrics;

    public MeteredImageCodec(ImageCodec codec, EmfMetrics metrics) {
        this.codec = codec;
        this.metrics = metrics;
    }

    @Override
    public byte[] render(byte[] source, int orientation, VariantSpec spec) {
        long started = System.nanoTime();
        byte[] rendered = codec.render(source, orientation, spec);
        metrics.record(EmfMetrics.Metric.VARIANT_TIME, (System.nanoTime() - started) / 1_000_000.0);
        return rendered;
    }
}
