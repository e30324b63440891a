package dev.skyhook.hosts.lambda.wiring;

/**
 * The graph of this Lambda container, built on first use during init and reused by every warm
 * invocation (the holder class makes that lazy and thread-safe without locking).
 */
public final class Container {
    private Container() {}

    public static LambdaComponent graph() {
        return Holder.GRAPH;
    }

    private static final class Holder {
        static final LambdaComponent GRAPH = LambdaComponent.create(LambdaSettings.fromEnvironment(System.getenv()));
    }
}
