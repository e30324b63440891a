package dev.skyhook.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.fake.InMemoryUserRepository;
import dev.skyhook.core.model.User;
import dev.skyhook.core.model.UserPage;
import dev.skyhook.core.port.in.ListUsersQuery;
import dev.skyhook.core.port.in.RegisterUserCommand;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UserServiceTest {
    private final InMemoryUserRepository repository = new InMemoryUserRepository();
    private final UserService users = new UserService(repository);

    @Test
    void registersTheTrimmedName() {
        User user = users.register(new RegisterUserCommand("  Kim  ", 31));

        assertThat(user.name()).isEqualTo("Kim");
        assertThat(users.get(user.id())).isEqualTo(user);
    }

    @Test
    void unknownIdIsNotFound() {
        assertThatThrownBy(() -> users.get(42))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void nonPositiveIdIsInvalid() {
        assertThatThrownBy(() -> users.get(0))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains("id"));
    }

    @Test
    void pagesCarryTheNextCursorOnlyWhenMoreRemain() {
        for (int i = 1; i <= 5; i++) {
            users.register(new RegisterUserCommand("u" + i, i));
        }

        UserPage first = users.list(new ListUsersQuery(0, 2));
        assertThat(first.users()).extracting(User::id).containsExactly(1L, 2L);
        assertThat(first.next()).isEqualTo(OptionalLong.of(2));

        UserPage last = users.list(new ListUsersQuery(4, 2));
        assertThat(last.users()).extracting(User::id).containsExactly(5L);
        assertThat(last.next()).isEmpty();

        UserPage exact = users.list(new ListUsersQuery(3, 2));
        assertThat(exact.users()).extracting(User::id).containsExactly(4L, 5L);
        assertThat(exact.next()).isEmpty();
    }
}
