package dev.skyhook.core.port.in;

import dev.skyhook.core.model.UserPage;

public interface ListUsersUseCase {
    UserPage list(ListUsersQuery query);
}
