package dev.skyhook.hosts.assembly;

import dev.skyhook.adapters.local.image.ImageCodecs;
import dev.skyhook.adapters.local.image.MetadataExtractorImageInspector;
import dev.skyhook.adapters.local.signing.HmacImageUrlSigner;
import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.in.UploadImagesUseCase;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.port.out.ImageInspector;
import dev.skyhook.core.port.out.ImageUrlSigner;
import dev.skyhook.core.service.FileService;
import dev.skyhook.core.service.ImageUploadService;
import dev.skyhook.core.service.ImageVariantService;
import dev.skyhook.core.service.RenderBudget;
import dev.skyhook.core.service.RideService;
import dev.skyhook.core.service.UserService;
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
    private final StoreFreeParts storeFree;
    // Built on first use, under this object's lock; plain fields rather than lambdas, which would each cost a cold
    // start a bootstrap even for the parts a function never uses.
    private UserService users;
    private RideService rides;
    private FileService files;
    private ImageUploadService imageUploads;
    private ImageVariantService imageVariants;
    private Optional<ImageUrlSigner> imageUrlSigning;
    private final RouteTable routes;

    public Assembly(Settings settings, Adapters adapters, Options options) {
        this(new StoreFreeParts(Objects.requireNonNull(settings, "settings")), adapters, options);
    }

    private Assembly(StoreFreeParts storeFree, Adapters adapters, Options options) {
        this.settings = storeFree.settings;
        this.storeFree = storeFree;
        this.adapters = Objects.requireNonNull(adapters, "adapters");
        this.options = Objects.requireNonNull(options, "options");
        this.routes = new RouteTable(this);
    }

    /**
     * This application on other adapters and options, sharing with this one the parts that touch no
     * store (the upload policy, the image inspector and codec, the render budget), whichever of the two
     * builds them first: one codec (a libvips library loads once) and one render budget per process.
     */
    public Assembly on(Adapters other, Options otherOptions) {
        return new Assembly(storeFree, other, otherOptions);
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
        return storeFree.uploadPolicy();
    }

    public ImageCodec imageCodec() {
        return storeFree.imageCodec();
    }

    private ImageInspector imageInspector() {
        return storeFree.imageInspector();
    }

    public RenderBudget renderBudget() {
        return storeFree.renderBudget();
    }

    public synchronized UserService users() {
        if (users == null) {
            users = new UserService(adapters.users());
        }
        return users;
    }

    /** SecureRandom: ride ids must not be guessable. */
    public synchronized RideService rides() {
        if (rides == null) {
            rides = new RideService(
                    adapters.rides(),
                    settings.rides().assignment(Fleet.wildRydes()),
                    options.clock(),
                    options.randomness().secureRandom());
        }
        return rides;
    }

    public synchronized FileService files() {
        if (files == null) {
            files = new FileService(
                    adapters.blobs(),
                    adapters.blobUrlSigner(),
                    settings.fileUrlTtl(),
                    settings.files().quota());
        }
        return files;
    }

    public synchronized ImageUploadService imageUploads() {
        if (imageUploads == null) {
            imageUploads = new ImageUploadService(
                    uploadPolicy(),
                    imageInspector(),
                    imageCodec(),
                    renderBudget(),
                    adapters.blobs(),
                    adapters.blobUrlSigner(),
                    options.randomness().uuids());
        }
        return imageUploads;
    }

    public synchronized ImageVariantService imageVariants() {
        if (imageVariants == null) {
            imageVariants = new ImageVariantService(
                    uploadPolicy(),
                    settings.images().variants(settings.imageVariants(), settings.imageUrlSigning()),
                    imageInspector(),
                    options.instruments().variantCodec(imageCodec()),
                    adapters.blobs(),
                    renderBudget());
        }
        return imageVariants;
    }

    /** {@code /img} URL signing: on with the adapters' secret when {@code IMAGE_URL_SIGNING=on}, otherwise off. */
    public synchronized Optional<ImageUrlSigner> imageUrlSigning() {
        if (imageUrlSigning == null) {
            imageUrlSigning = settings.imageUrlSigning()
                    ? Optional.of(new HmacImageUrlSigner(adapters.urlSigningSecret()))
                    : Optional.empty();
        }
        return imageUrlSigning;
    }

    /**
     * The parts that touch no store, built on first use under their own lock and shared by an assembly
     * and every one made from it with {@link #on}.
     */
    private static final class StoreFreeParts {
        private final Settings settings;
        private UploadPolicy uploadPolicy;
        private ImageInspector imageInspector;
        private ImageCodec imageCodec;
        private RenderBudget renderBudget;

        StoreFreeParts(Settings settings) {
            this.settings = settings;
        }

        synchronized UploadPolicy uploadPolicy() {
            if (uploadPolicy == null) {
                uploadPolicy = settings.images().uploads(UploadPolicy.defaults(settings.allowedPaths()));
            }
            return uploadPolicy;
        }

        /**
         * The one place the image codec is chosen: libvips where its library loads (else ImageIO, pure
         * Java), as {@code IMAGE_CODEC} says, bounded by the upload policy's pixel limit.
         */
        synchronized ImageCodec imageCodec() {
            if (imageCodec == null) {
                imageCodec =
                        ImageCodecs.load(settings.imageCodec(), uploadPolicy().maxPixels());
            }
            return imageCodec;
        }

        synchronized ImageInspector imageInspector() {
            if (imageInspector == null) {
                imageInspector = new MetadataExtractorImageInspector();
            }
            return imageInspector;
        }

        synchronized RenderBudget renderBudget() {
            if (renderBudget == null) {
                renderBudget = new RenderBudget(settings.images()
                        .renderLimits(imageCodec()
                                .worstCaseHeapBytes(
                                        uploadPolicy().maxPixels(),
                                        uploadPolicy().maxDirectUploadBytes())));
            }
            return renderBudget;
        }
    }
}
