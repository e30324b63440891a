package dev.skyhook.hosts.lambda.wiring;

import dagger.Module;
import dagger.Provides;
import dev.skyhook.core.port.in.UploadImagesUseCase;
import dev.skyhook.core.port.out.ImageCodec;
import dev.skyhook.hosts.api.apikeys.ApiKeys;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.assembly.Assembly;
import dev.skyhook.hosts.assembly.AwsAdapters;
import dev.skyhook.hosts.assembly.Randomness;
import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import dev.skyhook.hosts.lambda.metrics.MeteredImageCodec;
import dev.skyhook.hosts.lambda.metrics.MeteredImageUploads;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The application on AWS's adapters, plus what only a Lambda function has: EMF metrics around the
 * image work, SnapStart hooks, and its own API keys. The {@link Assembly} builds each part on first
 * use, so a function builds only what its routes reach.
 */
@Module
public interface ApiModule {
    @Provides
    @Singleton
    static AwsAdapters adapters(
            Settings settings, Optional<AwsCredentialsProvider> credentials, ConnectionPools pools) {
        return new AwsAdapters(settings, credentials, pools::add);
    }

    @Provides
    @Singleton
    static Assembly assembly(Settings settings, AwsAdapters adapters, Randomness randomness, EmfMetrics metrics) {
        return new Assembly(
                settings,
                adapters,
                new Assembly.Options(Clock.systemUTC(), randomness, metered(metrics), Optional.empty()));
    }

    /** Variant render times, and images stored by {@code POST /images}, as EMF metrics. */
    private static Assembly.Instruments metered(EmfMetrics metrics) {
        return new Assembly.Instruments() {
            @Override
            public ImageCodec variantCodec(ImageCodec codec) {
                return new MeteredImageCodec(codec, metrics);
            }

            @Override
            public UploadImagesUseCase imageUploads(UploadImagesUseCase uploads) {
                return new MeteredImageUploads(uploads, metrics);
            }
        };
    }

    /** SnapStartHooks reseeds it after a restore, so restored copies of one snapshot do not mint the same ids. */
    @Provides
    @Singleton
    static Randomness randomness() {
        return Randomness.secure();
    }

    @Provides
    @Singleton
    static ConnectionPools connectionPools() {
        return new ConnectionPools();
    }

    @Provides
    @Singleton
    static EmfMetrics metrics() {
        return EmfMetrics.toStandardOutput();
    }

    @Provides
    @Singleton
    static SnapStartHooks snapStartHooks(
            Assembly assembly, Randomness randomness, ConnectionPools pools, EmfMetrics metrics) {
        return new SnapStartHooks(assembly, randomness, pools, metrics);
    }

    /** The function's own API keys: from their secret, or {@code API_KEYS} locally; none when neither is set. */
    @Provides
    @Singleton
    static FunctionApiKeys functionApiKeys(AwsAdapters adapters) {
        return new FunctionApiKeys(adapters.apiKeys().map(list -> new ApiKeys(ApiKeys.parse(list), Clock.systemUTC())));
    }

    @Provides
    @Singleton
    static AccessLog accessLog() {
        return AccessLog.toStandardOutput();
    }
}
