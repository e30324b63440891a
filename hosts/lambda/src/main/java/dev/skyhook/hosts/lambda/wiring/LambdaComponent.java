package dev.skyhook.hosts.lambda.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.assembly.Assembly;
import dev.skyhook.hosts.assembly.AwsAdapters;
import dev.skyhook.hosts.assembly.Randomness;
import dev.skyhook.hosts.assembly.RouteTable;
import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import jakarta.inject.Singleton;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** The Lambda host's object graph, generated at compile time: no reflection or scanning at init. */
@Singleton
@Component(modules = ApiModule.class)
public interface LambdaComponent {
    Assembly assembly();

    AwsAdapters adapters();

    Settings settings();

    AccessLog accessLog();

    EmfMetrics metrics();

    Randomness randomness();

    ConnectionPools connectionPools();

    SnapStartHooks snapStartHooks();

    FunctionApiKeys functionApiKeys();

    /** The application's routes by family. */
    default RouteTable routes() {
        return assembly().routes();
    }

    @Component.Factory
    interface Factory {
        LambdaComponent create(
                @BindsInstance Settings settings, @BindsInstance Optional<AwsCredentialsProvider> credentials);
    }

    /** The graph on {@code settings}, with the default credentials chain (the function's role). */
    static LambdaComponent create(Settings settings) {
        return DaggerLambdaComponent.factory().create(settings, Optional.empty());
    }

    /** The graph on {@code settings}, with {@code credentials} for the S3 and Secrets Manager clients. */
    static LambdaComponent create(Settings settings, AwsCredentialsProvider credentials) {
        return DaggerLambdaComponent.factory().create(settings, Optional.of(credentials));
    }
}
