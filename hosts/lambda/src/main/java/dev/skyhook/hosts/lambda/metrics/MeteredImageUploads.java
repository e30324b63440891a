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
        metrics.recordStoredImages(
                command.files().size(),
                command.files().stream()
                        .mapToLong(file -> file.content().length)
                        .sum());
        return stored;
    }
}
