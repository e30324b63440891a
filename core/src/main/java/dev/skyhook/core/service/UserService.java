package dev.skyhook.core.service;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.User;
import dev.skyhook.core.model.UserPage;
import dev.skyhook.core.port.in.ListUsersQuery;
import dev.skyhook.core.port.in.RegisterUserCommand;
import dev.skyhook.core.port.out.UserRepository;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

public final class UserService {
    private final UserRepository users;

    public UserService(UserRepository users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    public User register(RegisterUserCommand command) {
        return users.add(command.name(), command.age());
    }

    /** The user with this id; a {@code NOT_FOUND} domain exception when there is none. */
    public User get(long id) {
        if (id <= 0) {
            throw DomainException.invalid("id", "id must be a positive integer");
        }
        return users.findById(id).orElseThrow(() -> DomainException.notFound("User " + id + " not found"));
    }

    public UserPage list(ListUsersQuery query) {
        // One extra row tells whether another page follows without a COUNT query.
        List<User> rows = users.listAfter(query.after(), query.limit() + 1);
        if (rows.size() <= query.limit()) {
            return new UserPage(rows, OptionalLong.empty());
        }
        List<User> page = rows.subList(0, query.limit());
        return new UserPage(page, OptionalLong.of(page.get(page.size() - 1).id()));
    }
}
