package dev.skyhook.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.core.model.User;
import dev.skyhook.core.port.out.UserRepository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link UserRepository} must do. Each adapter's test extends this and supplies the
 * repository; the tests only rely on ids they created, so a shared database is fine.
 */
public abstract class UserRepositoryContract {
    private UserRepository users;

    /** A repository ready for use; called before each test. */
    protected abstract UserRepository repository() throws Exception;

    @BeforeEach
    void setUpRepository() throws Exception {
        users = repository();
    }

    @Test
    void assignsIncreasingPositiveIdsAndFindsWhatItStored() {
        User kim = users.add("Kim", 31);
        User lee = users.add("Lee", 0);

        assertThat(kim.id()).isPositive();
        assertThat(lee.id()).isGreaterThan(kim.id());
        assertThat(users.findById(kim.id())).contains(new User(kim.id(), "Kim", 31));
        assertThat(users.findById(lee.id())).contains(new User(lee.id(), "Lee", 0));
    }

    @Test
    void findsNothingForAnUnknownId() {
        User last = users.add("Park", 40);

        assertThat(users.findById(last.id() + 1_000_000)).isEmpty();
        assertThat(users.findById(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void listsInIdOrderAfterTheCursorUpToTheLimit() {
        long before = users.add("marker", 1).id();
        List<User> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(users.add("user" + i, 20 + i));
        }

        assertThat(users.listAfter(before, 3)).containsExactlyElementsOf(added.subList(0, 3));
        assertThat(users.listAfter(added.get(2).id(), 10)).containsExactlyElementsOf(added.subList(3, 5));
        assertThat(users.listAfter(added.get(4).id(), 10)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "O'Brien \"the\" `quoted`",
                "Robert'); DROP TABLE Users;--",
                "100% _wild_ \\ back\\slash",
                "김민준",
                "🦄 Shadowfax 🐴",
                "🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄"
                        + "🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄🦄"
            })
    void namesRoundTripExactly(String name) {
        User stored = users.add(name, 150);

        assertThat(users.findById(stored.id())).contains(new User(stored.id(), name, 150));
    }

    @Test
    void concurrentAddsGetDistinctIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<User>> futures = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                int n = i;
                futures.add(pool.submit(() -> users.add("concurrent" + n, n)));
            }
            Set<Long> ids = Collections.synchronizedSet(new HashSet<>());
            for (Future<User> future : futures) {
                User user = future.get(30, TimeUnit.SECONDS);
                ids.add(user.id());
                assertThat(users.findById(user.id())).contains(user);
            }
            assertThat(ids).hasSize(80);
        } finally {
            pool.shutdownNow();
        }
    }
}
