package dev.skyhook.hosts.server;

import io.micronaut.runtime.Micronaut;

/** Starts the local demo server: {@code java -jar hosts/server/target/skyhook-server.jar}. */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
