package dev.skyhook.hosts.server;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The Lambda invocation being served, when this server runs behind the api-proxy function, which
 * registers each invocation's {@link Context} as a bean. Lambda runs one invocation at a time per
 * container, so the current bean is this request's. Empty on the local server.
 */
@Singleton
class LambdaInvocation {
    private final BeanProvider<Context> context;

    LambdaInvocation(BeanProvider<Context> context) {
        this.context = context;
    }

    Optional<String> awsRequestId() {
        return context.find(null).map(Context::getAwsRequestId);
    }
}
