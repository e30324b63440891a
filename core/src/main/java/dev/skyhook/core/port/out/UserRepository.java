package dev.skyhook.core.port.out;

import dev.skyhook.core.model.User;
import java.util.List;
import java.util.Optional;

/**
 * Where users are kept. Implementations throw {@code DomainException} with
 * {@code STORE_UNAVAILABLE} when the store cannot be reached and {@code STORE_FAILURE} otherwise.
 */
public interface UserRepository {
    /** Stores a new user and returns it with the id the store assigned. */
    User add(String name, int age);

    Optional<User> findById(long id);

    /** Up to {@code limit} users with an id greater than {@code afterId}, in ascending id order. */
    List<User> listAfter(long afterId, int limit);
}
