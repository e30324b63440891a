package dev.skyhook.core.fake;

import dev.skyhook.core.model.User;
import dev.skyhook.core.port.out.UserRepository;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link UserRepository} in a sorted map: the fake for tests and for the in-process test host. */
public final class InMemoryUserRepository implements UserRepository {
    private final ConcurrentSkipListMap<Long, User> users = new ConcurrentSkipListMap<>();
    private final AtomicLong lastId = new AtomicLong();

    @Override
    public User add(String name, int age) {
        User user = new User(lastId.incrementAndGet(), name, age);
        users.put(user.id(), user);
        return user;
    }

    /** How many users are stored. */
    public int size() {
        return users.size();
    }

    @Override
    public Optional<User> findById(long id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public List<User> listAfter(long afterId, int limit) {
        return users.tailMap(afterId, false).values().stream().limit(limit).toList();
    }
}
