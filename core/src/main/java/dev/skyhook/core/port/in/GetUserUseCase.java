package dev.skyhook.core.port.in;

import dev.skyhook.core.model.User;

public interface GetUserUseCase {
    /** The user with this id; a {@code NOT_FOUND} domain exception when there is none. */
    User get(long id);
}
