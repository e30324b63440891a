package dev.skyhook.adapters.local.image;

import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.hosts.assembly.Settings;

/** The libvips library loaded as the service loads it, for benchmarks that build codecs with other encoder settings. */
final class BenchmarkLibvips {
    private BenchmarkLibvips() {}

    /** Loads libvips from {@code IMAGE_CODEC_LIBRARY}, or where the service finds it. */
    static ImageCodecs.Loaded load() {
        ImageCodecs.Settings environment =
                Settings.fromVariables(System.getenv()).imageCodec();
        ImageCodecs.load(
                new ImageCodecs.Settings(ImageCodecs.Kind.LIBVIPS, environment.library(), environment.concurrency()),
                UploadPolicy.DEFAULT_MAX_PIXELS);
        return ImageCodecs.loadedLibvips(environment.library().orElseGet(ImageCodecs::findLibrary));
    }

    static LibvipsImageCodec codec(ImageCodecs.Loaded loaded, LibvipsImageCodec.Encoders encoders) {
        return new LibvipsImageCodec(loaded.vips(), loaded.stopper(), UploadPolicy.DEFAULT_MAX_PIXELS, encoders);
    }
}
