package dev.skyhook.hosts.lambda.wiring;

import dagger.Module;
import dagger.Provides;
import dev.skyhook.adapters.local.jdbc.DatabaseHealth;
import dev.skyhook.core.policy.UploadPolicy;
import dev.skyhook.core.port.in.CheckStoredImageUseCase;
import dev.skyhook.core.port.out.BlobStore;
import dev.skyhook.core.port.out.BlobUrlSigner;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.core.port.out.ImageInspector;
import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.core.service.ImageVariantService;
import dev.skyhook.core.service.RenderBudget;
import dev.skyhook.hosts.api.images.ImageVariantRoutes;
import dev.skyhook.core.policy.Fleet;
import dev.skyhook.core.port.out.RideRepository;
import dev.skyhook.core.port.out.UserRepository;
import dev.skyhook.core.service.FileService;
import dev.skyhook.core.service.ImageUploadService;
import dev.skyhook.core.service.GreetingService;
import dev.skyhook.core.service.RideService;
import dev.skyhook.core.service.UserService;
import dev.skyhook.hosts.api.greeting.GreetingRoutes;
import dev.skyhook.hosts.api.health.HealthRoutes;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.files.FileRoutes;
import dev.skyhook.hosts.api.images.ImageRoutes;
import dev.skyhook.hosts.api.rides.RideRoutes;
import dev.skyhook.hosts.api.users.UserRoutes;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import dev.skyhook.hosts.lambda.metrics.MeteredImageCodec;
import dev.skyhook.hosts.lambda.metrics.MeteredImageUploads;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;

/** The use cases and their routes, on whatever adapters the component was given. */
@Module
public interface ApiModule {
    @Provides
    @Singleton
    static UserService userService(UserRepository users) {
        return new UserService(users);
    }

    @Provides
    @Singleton
    static UserRoutes userRoutes(UserService users) {
        return new UserRoutes(users, users, users);
    }

    @Provides
    @Singleton
    static UploadPolicy uploadPolicy(LambdaSettings settings) {
        return settings.images().uploads(UploadPolicy.defaults(settings.allowedPaths()));
    }

    /** One render at a time per container unless the function has the cores and heap for more; the deadline always holds. */
    @Provides
    @Singleton
    static RenderBudget renderBudget(LambdaSettings settings, UploadPolicy policy, ImageCodec codec) {
        return new RenderBudget(settings.images().renderLimits(codec.worstCaseHeapBytes(policy.maxPixels(), policy.maxDirectUploadBytes())));
    }

    @Provides
    @Singleton
    static RideService rideService(RideRepository rides, LambdaSettings settings, Randomness randomness) {
        // SecureRandom: ride ids must not be guessable. SnapStartHooks reseeds it after a restore,
        // so restored copies of one snapshot do not mint the same ids.
        return new RideService(rides, settings.rides().assignment(Fleet.wildRydes()), Clock.systemUTC(), randomness.secureRandom());
    }

    @Provides
    @Singleton
    static Randomness randomness() {
        return new Randomness(SecureRandom::new);
    }

    @Provides
    @Singleton
    static EmfMetrics metrics() {
        return EmfMetrics.toStandardOutput();
    }

    @Provides
    @Singleton
    static SnapStartHooks snapStartHooks(Randomness randomness, ConnectionPools pools, EmfMetrics metrics) {
        return new SnapStartHooks(randomness, pools, metrics);
    }

    @Provides
    @Singleton
    static ImageUploadService imageUploads(UploadPolicy policy, ImageInspector inspector, ImageCodec codec, RenderBudget budget,
                                           BlobStore blobs, BlobUrlSigner signer, Randomness randomness) {
        return new ImageUploadService(policy, inspector, codec, budget, blobs, signer, randomness.uuids());
    }

    @Provides
    static CheckStoredImageUseCase uploadCheck(ImageUploadService uploads) {
        return uploads;
    }

    @Provides
    @Singleton
    static ImageRoutes imageRoutes(ImageUploadService uploads, UploadPolicy policy, EmfMetrics metrics) {
        return new ImageRoutes(new MeteredImageUploads(uploads, metrics), uploads, policy);
    }

    @Provides
    @Singleton
    static FileRoutes fileRoutes(BlobStore blobs, BlobUrlSigner signer, LambdaSettings settings) {
        FileService files = new FileService(blobs, signer, settings.fileUrlTtl(), settings.files().quota());
        return new FileRoutes(files, files, FileRoutes.DEFAULT_MAX_FILE_BYTES);
    }

    @Provides
    @Singleton
    static ImageVariantService imageVariants(UploadPolicy policy, LambdaSettings settings, ImageInspector inspector, ImageCodec codec,
                                             BlobStore blobs, EmfMetrics metrics, RenderBudget budget) {
        return new ImageVariantService(policy, settings.images().variants(settings.imageVariants(), settings.imageUrlSigning().isPresent()),
            inspector, new MeteredImageCodec(codec, metrics), blobs, budget);
    }

    @Provides
    static GetImageVariantUseCase getImageVariant(ImageVariantService variants) {
        return variants;
    }

    @Provides
    @Singleton
    static ImageVariantRoutes imageVariantRoutes(ImageVariantService variants, LambdaSettings settings) {
        return new ImageVariantRoutes(variants, settings.imageUrlSigning());
    }

    @Provides
    @Singleton
    static RideRoutes rideRoutes(RideService rides) {
        return new RideRoutes(rides, rides);
    }

    @Provides
    @Singleton
    static GreetingRoutes greetingRoutes() {
        return new GreetingRoutes(new GreetingService());
    }

    @Provides
    @Singleton
    static HealthRoutes healthRoutes(DataSource userDatabase) {
        return new HealthRoutes(Map.of("users", () -> DatabaseHealth.isReachable(userDatabase)));
    }

    @Provides
    @Singleton
    static AccessLog accessLog() {
        return AccessLog.toStandardOutput();
    }
}
