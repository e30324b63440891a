package dev.skyhook.core.service;

import dev.skyhook.core.port.in.GreetUseCase;

public final class GreetingService implements GreetUseCase {
    /** The original function's greeting, kept word for word because its clients compare it. */
    public static final String GREETING = "Hello from Lambda!";

    @Override
    public String greet() {
        return GREETING;
    }
}
