package dev.skyhook.hosts.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrlEncodingTest {
    @Test
    void decodesPathsButKeepsPlus() {
        assertThat(UrlEncoding.decodePath("/users/a%20b+c")).isEqualTo("/users/a b+c");
        assertThat(UrlEncoding.decodePath("/users/%EA%B9%80")).isEqualTo("/users/김");
    }

    @Test
    void splitsQueriesWithEveryValue() {
        assertThat(UrlEncoding.parseQuery("a=1&b=x+y&a=2&flag&&c=%26"))
                .containsEntry("a", List.of("1", "2"))
                .containsEntry("b", List.of("x y"))
                .containsEntry("flag", List.of(""))
                .containsEntry("c", List.of("&"));
    }

    @Test
    void malformedEscapesAre400() {
        assertThatThrownBy(() -> UrlEncoding.decodePath("/users/%zz")).isInstanceOf(HttpError.class);
        assertThatThrownBy(() -> UrlEncoding.parseQuery("limit=%")).isInstanceOf(HttpError.class);
    }
}
