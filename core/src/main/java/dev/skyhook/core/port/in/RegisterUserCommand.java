package dev.skyhook.core.port.in;

import dev.skyhook.core.error.DomainException;

/**
 * A user to register. Refuses bad values itself: {@code name} is trimmed and must then be 1 to
 * {@value #MAX_NAME_LENGTH} characters (code points) without control characters or unpaired surrogates; {@code age} is
 * 0 to {@value #MAX_AGE}.
 */
public record RegisterUserCommand(String name, int age) {
    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_AGE = 150;

    public RegisterUserCommand {
        if (name == null) {
            throw DomainException.invalid("name", "name is required");
        }
        name = name.strip();
        int length = name.codePointCount(0, name.length());
        if (length == 0) {
            throw DomainException.invalid("name", "name must not be blank");
        }
        if (length > MAX_NAME_LENGTH) {
            throw DomainException.invalid("name", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("name", "name must not contain control characters");
        }
        // A lone surrogate has no UTF-8 form: a database would store it as '?'.
        if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            throw DomainException.invalid("name", "name must not contain unpaired surrogates");
        }
        if (age < 0 || age > MAX_AGE) {
            throw DomainException.invalid("age", "age must be an integer from 0 to " + MAX_AGE);
        }
    }
}
