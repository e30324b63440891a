package dev.skyhook.hosts.lambda.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dev.skyhook.core.port.in.CheckStoredImageUseCase;
import dev.skyhook.core.port.in.GetImageVariantUseCase;
import dev.skyhook.hosts.api.images.ImageVariantRoutes;
import dev.skyhook.hosts.api.greeting.GreetingRoutes;
import dev.skyhook.hosts.api.health.HealthRoutes;
import dev.skyhook.hosts.api.http.AccessLog;
import dev.skyhook.hosts.api.files.FileRoutes;
import dev.skyhook.hosts.api.images.ImageRoutes;
import dev.skyhook.hosts.api.rides.RideRoutes;
import dev.skyhook.hosts.api.users.UserRoutes;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

/** The Lambda host's object graph, generated at compile time: no reflection or scanning at init. */
@Singleton
@Component(modules = {AwsAdaptersModule.class, ApiModule.class})
public interface LambdaComponent {
    GreetingRoutes greetingRoutes();

    UserRoutes userRoutes();

    RideRoutes rideRoutes();

    HealthRoutes healthRoutes();

    ImageRoutes imageRoutes();

    FileRoutes fileRoutes();

    CheckStoredImageUseCase uploadCheck();

    ImageVariantRoutes imageVariantRoutes();

    GetImageVariantUseCase imageVariants();

    LambdaSettings settings();

    AccessLog accessLog();

    DataSource userDatabase();

    EmfMetrics metrics();

    Randomness randomness();

    ConnectionPools connectionPools();

    SnapStartHooks snapStartHooks();

    FunctionApiKeys functionApiKeys();

    @Component.Factory
    interface Factory {
        LambdaComponent create(@BindsInstance LambdaSettings settings);
    }

    static LambdaComponent create(LambdaSettings settings) {
        return DaggerLambdaComponent.factory().create(settings);
    }
}
