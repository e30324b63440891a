package dev.skyhook.hosts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
    @Test
    void readsPlainValues() {
        assertThat(Json.parse("{\"a\":[1,2.5,\"x\",true,null]}"))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(1, new BigDecimal("2.5"), "x", true, null)));
    }

    @Test
    void refusesDuplicateKeysTrailingContentAndDeepNesting() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}"))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessageContaining("a");
        assertThatThrownBy(() -> Json.parse("{} {}")).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(1000) + "]".repeat(1000)))
                .isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> Json.parse("")).isInstanceOf(JsonSyntaxException.class);
        assertThatThrownBy(() -> Json.parse("1" + "0".repeat(200))).isInstanceOf(JsonSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "EF BB BF 22 61 22", // a byte-order mark
                "22 C0 AF 22", // '/' in an overlong form
                "22 E0 80 AF 22", // the same in three bytes
                "22 ED A0 80 22", // a surrogate written as UTF-8
                "22 F4 90 9A 9A 22", // past U+10FFFF
                "22 80 22", // a continuation byte alone
                "22 E2 82 22", // a sequence cut short
                "22 F0 9F 98", // cut short at the end
                "22 FF 22"
            })
    void refusesBytesThatAreNotStrictUtf8(String hex) {
        assertThatThrownBy(() -> Json.parse(HexFormat.ofDelimiter(" ").parseHex(hex)))
                .isInstanceOf(JsonSyntaxException.class);
    }

    @Test
    void readsEveryLengthOfUtf8() {
        assertThat(Json.parse("\"a \u00e9 \u20ac \ud83d\ude00\"")).isEqualTo("a \u00e9 \u20ac \ud83d\ude00");
    }

    @Test
    void limitsAreExplainedWithoutNamingTheParsersSettings() {
        assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100)))
                .hasMessageContaining("nesting depth")
                .hasMessageNotContaining("StreamReadConstraints")
                .hasMessageNotContaining("`");
        assertThatThrownBy(() -> Json.parse("1" + "0".repeat(200)))
                .hasMessageContaining("length")
                .hasMessageNotContaining("StreamReadConstraints")
                .hasMessageNotContaining("`");
    }

    @Test
    void writesUnicodeAsUtf8AndEscapesWhatJsonRequires() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "김 \"🦄\"\n");
        value.put("list", List.of(1L, false));
        value.put("none", null);

        String written = Json.writeString(value);

        assertThat(written).isEqualTo("{\"name\":\"김 \\\"🦄\\\"\\n\",\"list\":[1,false],\"none\":null}");
        assertThat(Json.parse(written))
                .isEqualTo(Json.parse(written.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void bytesThatLookLikeUtf32AreASyntaxError() {
        // Found by fuzzing: leading NULs made Jackson read UTF-32 and fail with an unchecked I/O error (a 500).
        byte[] document = {'{', 0, 0, 0, '"', 'n', 'a', 'm', 'e', '"', ':', '1', '}'};
        assertThatThrownBy(() -> Json.parse(document))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessage("expected a field name in double quotes, found U+0000 at line 1, column 2");
        assertThatThrownBy(() -> Json.parse(new byte[] {0, 0, 0, '{', 0, 0, 0, '"'}))
                .isInstanceOf(JsonSyntaxException.class);
    }

    @Test
    void aNumberWithAHugeExponentIsASyntaxError() {
        // Found by fuzzing: Jackson's BigDecimal parsing threw NumberFormatException, an unchecked 500.
        assertThatThrownBy(() -> Json.parse("{\"Latitude\":108e4444444444444444444}"))
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessageContaining("out of range");
        assertThat(Json.parse("1e308")).isEqualTo(new BigDecimal("1e308"));
    }
}
