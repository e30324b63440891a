package dev.skyhook.hosts.lambda.wiring;

import dev.skyhook.hosts.assembly.Settings;
import dev.skyhook.hosts.lambda.logging.LogLines;

/**
 * The graph of this Lambda container, built on first use during init and reused by every warm
 * invocation (the holder class makes that lazy and thread-safe without locking). Its SnapStart
 * hooks are registered with the runtime as it is built.
 */
public final class Container {
    private Container() {}

    public static LambdaComponent graph() {
        return Holder.GRAPH;
    }

    private static final class Holder {
        static final LambdaComponent GRAPH = create();

        private static LambdaComponent create() {
            LogLines.useLevel(LogLines.levelFrom(System.getenv()));
            LambdaComponent graph = LambdaComponent.create(Settings.fromVariables(System.getenv()));
            graph.snapStartHooks().register();
            return graph;
        }
    }
}
