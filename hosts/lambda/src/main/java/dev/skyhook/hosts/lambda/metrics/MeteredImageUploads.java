package dev.skyhook.hosts.lambda.metrics;

import dev.skyhook.core.port.in.UploadImagesCommand;
import dev.skyhook.core.port.in.UploadImagesUseCase;
import java.net.URI;
import java.util.List;

/** Counts the images and bytes of every upload that was stored (a refused one stores nothing). */
public final class MeteredImageUploads implements UploadImagesUseCase {
    private final UploadImagesUseCase uploads;
    private final EmfMetrics metrics;

    public MeteredImageUploads(UploadImagesUseCase uploads, EmfMetrics metrics) {
        this.uploads = uploads;
        this.metrics = metrics;
    }

    @Override
    public List<URI> upload(UploadImagesCommand command) {
        List<URI> stored = uploads.upload(command);
        metrics.record(EmfMetrics.Metric.UPLOADS, command.files().size());
        metrics.record(EmfMetrics.Metric.BYTES_STORED, command.files().stream().mapToLong(file -> file.content().length).sum());
        return stored;
    }

    /** For uploads that bypass the use case (direct uploads, checked after they landed). */
    public static void recordStored(EmfMetrics metrics, long bytes) {
        metrics.record(EmfMetrics.Metric.UPLOADS, 1);
        metrics.record(EmfMetrics.Metric.BYTES_STORED, bytes);
    }
}
