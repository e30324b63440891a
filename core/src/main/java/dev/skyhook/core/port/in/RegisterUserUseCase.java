package dev.skyhook.core.port.in;

import dev.skyhook.core.model.User;

public interface RegisterUserUseCase {
    User register(RegisterUserCommand command);
}
