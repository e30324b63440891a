package dev.skyhook.hosts.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
    @Test
    void matchesLiteralsAndVariables() {
        PathTemplate users = PathTemplate.of("/users/{id}");

        assertThat(users.match("/users/42")).contains(Map.of("id", "42"));
        assertThat(users.match("/users")).isEmpty();
        assertThat(users.match("/users/")).isEmpty();
        assertThat(users.match("/users/42/extra")).isEmpty();
        assertThat(PathTemplate.of("/users").match("/users")).contains(Map.of());
        assertThat(PathTemplate.of("/users").match("/Users")).isEmpty();
    }

    @Test
    void greedyTailTakesTheRestOfThePath() {
        PathTemplate images = PathTemplate.of("/img/{key+}");

        assertThat(images.match("/img/post/a/b.jpg")).contains(Map.of("key", "post/a/b.jpg"));
        assertThat(images.match("/img/")).isEmpty();
        assertThat(images.match("/img")).isEmpty();
    }
}
