package dev.skyhook.hosts.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsPlainValues() {
        assertThat(Json.parse("{\"a\":[1,2.5,\"x\",true,null]}"))
            .isEqualTo(Map.of("a", java.util.Arrays.asList(1, new BigDecimal("2.5"), "x", true, null)));
    }

    @Test
    void refusesDuplicateKeysTrailingContentAndDeepNesting() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).isInstanceOf(JsonSyntaxException.class).hasMessageContaining("a");
        assertThatThrownBy(() -> Json.parse("{} {}")).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(1000) + "]".repeat(1000))).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> Json.parse("")).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> Json.parse("1" + "0".repeat(200))).isInstanceOf(JsonSyntaxException.class);
    }

    @Test
    void limitsAreExplainedWithoutNamingTheParsersSettings() {
        assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100)))
            .hasMessageContaining("nesting depth").hasMessageNotContaining("StreamReadConstraints").hasMessageNotContaining("`");
        assertThatThrownBy(() -> Json.parse("1" + "0".repeat(200)))
            .hasMessageContaining("length").hasMessageNotContaining("StreamReadConstraints").hasMessageNotContaining("`");
    }

    @Test
    void writesUnicodeAsUtf8AndEscapesWhatJsonRequires() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "김 \"🦄\"\n");
        value.put("list", List.of(1L, false));
        value.put("none", null);

        String written = Json.writeString(value);

        assertThat(written).isEqualTo("{\"name\":\"김 \\\"🦄\\\"\\n\",\"list\":[1,false],\"none\":null}");
        assertThat(Json.parse(written)).isEqualTo(Json.parse(written.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void bytesThatLookLikeUtf32AreASyntaxError() {
        // Found by fuzzing: leading NULs made Jackson read UTF-32 and fail with an unchecked I/O error (a 500).
        byte[] document = {'{', 0, 0, 0, '"', 'n', 'a', 'm', 'e', '"', ':', '1', '}'};
        assertThatThrownBy(() -> Json.parse(document)).isInstanceOf(JsonSyntaxException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> Json.parse(new byte[] {0, 0, 0, '{', 0, 0, 0, '"'})).isInstanceOf(JsonSyntaxException.class);
    }

    @Test
    void aNumberWithAHugeExponentIsASyntaxError() {
        // Found by fuzzing: Jackson's BigDecimal parsing threw NumberFormatException, an unchecked 500.
        assertThatThrownBy(() -> Json.parse("{\"Latitude\":108e4444444444444444444}"))
            .isInstanceOf(JsonSyntaxException.class).hasMessageContaining("out of range");
        assertThat(Json.parse("1e308")).isEqualTo(new BigDecimal("1e308"));
    }
}
