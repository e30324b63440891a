package dev.skyhook.hosts.assembly;

import dev.skyhook.adapters.local.image.ImageIoImageCodec;
import dev.skyhook.adapters.local.image.MetadataExtractorImageInspector;
import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.in.UploadImagesUseCase;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.port.out.ImageInspector;
import dev.skyhook.core.service.FileService;
import dev.skyhook.core.service.ImageUploadService;
import dev.skyhook.core.service.ImageVariantService;
import dev.skyhook.core.service.RenderBudget;
import dev.skyhook.core.service.RideService;
import dev.skyhook.core.service.UserService;
import dev.skyhook.hosts.api.images.ImageUrlSigning;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The application, assembled once for every host: the policies from the {@link Settings}, the
 * services on the host's {@link Adapters}, and the {@link RouteTable}. Every part is built on first
 * use and then kept, so a Lambda function builds only what its own routes reach and the local
 * server, which asks for every route at start, builds everything at start.
 */
public final class Assembly {
    /**
     * What differs between hosts besides the adapters.
     *
     * @param clock the clock rides are booked by
     * @param randomness the one generator of ride ids, unicorn tie-breaks and upload keys
     * @param instruments measurements a host wraps around the image work
     * @param uploadSpool where {@code POST /files} spools uploads; empty for the system's temporary directory
     */
    public record Options(Clock clock, Randomness randomness, Instruments instruments, Optional<Path> uploadSpool) {
        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(randomness, "randomness");
            Objects.requireNonNull(instruments, "instruments");
            Objects.requireNonNull(uploadSpool, "uploadSpool");
        }

        /** The system clock, a {@link java.security.SecureRandom} built on first use, no instruments, the temporary directory. */
        public static Options defaults() {
            return new Options(Clock.systemUTC(), Randomness.secure(), Instruments.NONE, Optional.empty());
        }

        public Options withClock(Clock other) {
            return new Options(other, randomness, instruments, uploadSpool);
        }

        public Options withRandomness(Randomness other) {
            return new Options(clock, other, instruments, uploadSpool);
        }

        public Options withInstruments(Instruments other) {
            return new Options(clock, randomness, other, uploadSpool);
        }

        public Options withUploadSpool(Path directory) {
            return new Options(clock, randomness, instruments, Optional.of(directory));
        }
    }

    /** Measurements around the image work; by default none. */
    public interface Instruments {
        Instruments NONE = new Instruments() {};

        /** The codec image delivery renders variants with. */
        default ImageCodec variantCodec(ImageCodec codec) {
            return codec;
        }

        /** The uploads {@code POST /images} stores through. */
        default UploadImagesUseCase imageUploads(UploadImagesUseCase uploads) {
            return uploads;
        }
    }

    private final Settings settings;
    private final Adapters adapters;
    private final Options options;
    private final Lazy<UploadPolicy> uploadPolicy;
    private final Lazy<ImageInspector> imageInspector;
    private final Lazy<ImageCodec> imageCodec;
    private final Lazy<RenderBudget> renderBudget;
    private final Lazy<UserService> users;
    private final Lazy<RideService> rides;
    private final Lazy<FileService> files;
    private final Lazy<ImageUploadService> imageUploads;
    private final Lazy<ImageVariantService> imageVariants;
    private final Lazy<ImageUrlSigning> imageUrlSigning;
    private final RouteTable routes;

    public Assembly(Settings settings, Adapters adapters, Options options) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.adapters = Objects.requireNonNull(adapters, "adapters");
        this.options = Objects.requireNonNull(options, "options");
        this.uploadPolicy = Lazy.of(() -> settings.images().uploads(UploadPolicy.defaults(settings.allowedPaths())));
        this.imageInspector = Lazy.of(MetadataExtractorImageInspector::new);
        this.imageCodec = Lazy.of(this::buildImageCodec);
        this.renderBudget = Lazy.of(() -> new RenderBudget(settings.images().renderLimits(
            imageCodec().worstCaseHeapBytes(uploadPolicy().maxPixels(), uploadPolicy().maxDirectUploadBytes()))));
        this.users = Lazy.of(() -> new UserService(adapters.users()));
        // SecureRandom: ride ids must not be guessable.
        this.rides = Lazy.of(() -> new RideService(adapters.rides(), settings.rides().assignment(Fleet.wildRydes()), options.clock(),
            options.randomness().secureRandom()));
        this.files = Lazy.of(() -> new FileService(adapters.blobs(), adapters.blobUrlSigner(), settings.fileUrlTtl(),
            settings.files().quota()));
        this.imageUploads = Lazy.of(() -> new ImageUploadService(uploadPolicy(), imageInspector.get(), imageCodec(), renderBudget(),
            adapters.blobs(), adapters.blobUrlSigner(), options.randomness().uuids()));
        this.imageVariants = Lazy.of(() -> new ImageVariantService(uploadPolicy(),
            settings.images().variants(settings.imageVariants(), settings.imageUrlSigning()), imageInspector.get(),
            options.instruments().variantCodec(imageCodec()), adapters.blobs(), renderBudget()));
        this.imageUrlSigning = Lazy.of(() -> settings.imageUrlSigning()
            ? ImageUrlSigning.hmac(adapters.urlSigningSecret())
            : ImageUrlSigning.off());
        this.routes = new RouteTable(this);
    }

    /**
     * The one place the image codec is chosen: ImageIO (with TwelveMonkeys' plug-ins) in the JVM on
     * every host, bounded by the upload policy's pixel limit.
     */
    private ImageCodec buildImageCodec() {
        return new ImageIoImageCodec(uploadPolicy().maxPixels());
    }

    public Settings settings() {
        return settings;
    }

    public Adapters adapters() {
        return adapters;
    }

    Options options() {
        return options;
    }

    public RouteTable routes() {
        return routes;
    }

    public UploadPolicy uploadPolicy() {
        return uploadPolicy.get();
    }

    public ImageCodec imageCodec() {
        return imageCodec.get();
    }

    public RenderBudget renderBudget() {
        return renderBudget.get();
    }

    public UserService users() {
        return users.get();
    }

    public RideService rides() {
        return rides.get();
    }

    public FileService files() {
        return files.get();
    }

    public ImageUploadService imageUploads() {
        return imageUploads.get();
    }

    public ImageVariantService imageVariants() {
        return imageVariants.get();
    }

    /** {@code /img} URL signing: on with the adapters' secret when {@code IMAGE_URL_SIGNING=on}, otherwise off. */
    public ImageUrlSigning imageUrlSigning() {
        return imageUrlSigning.get();
    }
}
