package dev.skyhook.core.port.in;

public interface GreetUseCase {
    String greet();
}
