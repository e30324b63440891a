package dev.skyhook.core.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterUserCommandTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n", "line\nbreak", "nul\u0000char", "half \ud83e", "\udd84 other half"})
    void refusesBlankControlCharacterOrBrokenUnicodeNames(String name) {
        assertRefused(() -> new RegisterUserCommand(name, 30), "name");
    }

    @Test
    void refusesAMissingName() {
        assertRefused(() -> new RegisterUserCommand(null, 30), "name");
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String hundredEmoji = "🦄".repeat(100);
        assertThat(new RegisterUserCommand(hundredEmoji, 1).name()).isEqualTo(hundredEmoji);
        assertRefused(() -> new RegisterUserCommand("🦄".repeat(101), 1), "name");
        assertRefused(() -> new RegisterUserCommand("a".repeat(101), 1), "name");
    }

    @Test
    void acceptsAgesFromZeroTo150() {
        assertThat(new RegisterUserCommand("a", 0).age()).isZero();
        assertThat(new RegisterUserCommand("a", 150).age()).isEqualTo(150);
        assertRefused(() -> new RegisterUserCommand("a", -1), "age");
        assertRefused(() -> new RegisterUserCommand("a", 151), "age");
    }

    private static void assertRefused(Runnable construct, String field) {
        assertThatThrownBy(construct::run)
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.field()).contains(field));
    }
}
