package dev.skyhook.hosts.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer encodes UTF-8 itself, and escapes {@link Json.Utf8Text} from its bytes: both must give
 * the bytes of the plain way (escape into a String, then encode it), kept here as the reference.
 */
class JsonWriterBytesTest {
    private static final List<String> TRICKY = List.of(
            "",
            "plain ascii",
            "quote \" backslash \\ slash /",
            "\b\f\n\r\t",
            "\u0000\u0001\u001f\u007f",
            "é ß ø \u00a0 \u07ff \u0800 \uffff \ufffd \u2028\u2029",
            "김 🦄 𝄞 \uD83D\uDE00",
            "\uD800",
            "\uDC00",
            "a\uD800b",
            "a\uDC00\uD800b",
            "\uD83D\uDE00\uD83D",
            "ends with high \uD83D",
            "{\"users\":[{\"id\":1,\"name\":\"Ann \\\"A\\\"\",\"age\":30}],\"next\":\"1\"}");

    @Test
    void stringsAreWrittenAsBeforeForTrickyText() {
        for (String text : TRICKY) {
            assertThat(Json.write(text)).as(text).isEqualTo(reference(text));
        }
    }

    @Test
    void utf8TextIsWrittenAsItsDecodedString() {
        for (String text : TRICKY) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertThat(Json.write(new Json.Utf8Text(utf8)))
                    .as(text)
                    .isEqualTo(reference(new String(utf8, StandardCharsets.UTF_8)));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "80",
                "bf",
                "c0af",
                "c1bf",
                "c2",
                "e0",
                "e080af",
                "e09fbf",
                "eda080",
                "edbfbf",
                "f08f8080",
                "f4908080",
                "f5808080",
                "ff",
                "fe",
                "41e282",
                "e2822241",
                "f09f9880f09f98",
                "61c3a962ff63"
            })
    void malformedUtf8IsWrittenAsItsReplacementCharacters(String hex) {
        byte[] utf8 = HexFormat.of().parseHex(hex);
        assertThat(Json.write(new Json.Utf8Text(utf8))).isEqualTo(reference(new String(utf8, StandardCharsets.UTF_8)));
    }

    @Test
    void escapesAndLongSequencesFillEachChunkToItsEnd() {
        for (String filler : List.of("\"", "\u0001", "a", "é")) {
            for (String last : List.of("🦄", "김", "\u0001", "\"", "é")) {
                for (int count = 4090; count <= 4100; count++) {
                    String text = filler.repeat(count) + last + filler.repeat(3);
                    assertThat(Json.write(text)).isEqualTo(reference(text));
                    assertThat(Json.write(new Json.Utf8Text(text.getBytes(StandardCharsets.UTF_8))))
                            .isEqualTo(reference(text));
                }
            }
        }
    }

    @Test
    void randomValuesAreWrittenAsBefore() {
        SplittableRandom random = new SplittableRandom(20261204);
        for (int round = 0; round < 3_000; round++) {
            String text = randomText(random, random.nextInt(round < 2_900 ? 40 : 12_000));
            byte[] utf8 = random.nextInt(4) == 0 ? randomBytes(random) : text.getBytes(StandardCharsets.UTF_8);
            Map<String, Object> value = new LinkedHashMap<>();
            value.put(text, List.of(text, random.nextLong(), random.nextDouble() * 1e10, true));
            value.put("body", new Json.Utf8Text(utf8));
            value.put("n", null);
            value.put("big", new BigDecimal("1e400"));
            value.put("int", BigInteger.TWO.pow(80));
            value.put("float", 1.1f);
            value.put("nan", Double.NaN);

            Map<String, Object> plain = new LinkedHashMap<>(value);
            plain.put("body", new String(utf8, StandardCharsets.UTF_8));
            assertThat(Json.write(value)).isEqualTo(reference(plain));
        }
    }

    @Test
    void aWritableWritesWhatItsMapsAndListsWouldWrite() {
        SplittableRandom random = new SplittableRandom(4);
        List<Long> numbers = List.of(0L, 1L, -1L, 9L, 10L, 99L, 100L, Long.MAX_VALUE, Long.MIN_VALUE, -Long.MAX_VALUE);
        for (int round = 0; round < 500; round++) {
            String key = randomText(random, random.nextInt(20));
            String text = randomText(random, random.nextInt(40));
            long number = round < numbers.size() ? numbers.get(round) : random.nextLong() >> random.nextInt(64);
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("deep", List.of(List.of(), Map.of()));
            Map<String, Object> plain = new LinkedHashMap<>();
            plain.put(key, text);
            plain.put("n", number);
            plain.put("int", (int) number);
            plain.put("items", List.of(number, text, nested, List.of()));
            plain.put("null", null);
            plain.put("empty", Map.of());

            Json.Writable writable = out -> {
                out.beginObject().name(Json.Name.of(key)).value(text).name("n").value(number);
                out.name("int")
                        .value((int) number)
                        .name("items")
                        .beginArray()
                        .value(number)
                        .value(text);
                out.beginObject().name("deep").beginArray().beginArray().endArray();
                out.value((Object) Map.of()).endArray().endObject();
                out.beginArray().endArray().endArray();
                out.name("null")
                        .value((String) null)
                        .name("empty")
                        .beginObject()
                        .endObject()
                        .endObject();
            };
            assertThat(Json.write(writable)).isEqualTo(reference(plain));
            assertThat(Json.write(List.of(writable, Map.of("w", writable))))
                    .isEqualTo(reference(List.of(plain, Map.of("w", plain))));
        }
    }

    @Test
    void aWritableThatWritesBadJsonFailsInsteadOfAnsweringIt() {
        List<Json.Writable> bad = List.of(
                out -> {},
                out -> out.value(1).value(2),
                out -> out.beginObject(),
                out -> out.beginArray().endObject(),
                out -> out.beginObject().endArray(),
                out -> out.beginObject().value(1).endObject(),
                out -> out.beginObject().name("a").name("b").value(1).endObject(),
                out -> out.beginObject()
                        .name(Json.Name.of("a"))
                        .name(Json.Name.of("b"))
                        .value(1)
                        .endObject(),
                out -> out.beginArray().name(Json.Name.of("a")).value(1).endArray(),
                out -> out.beginObject().name("a").endObject(),
                out -> out.beginArray().name("a").value(1).endArray(),
                out -> out.name("a"),
                out -> out.value(1).endArray());
        for (Json.Writable writable : bad) {
            assertThatThrownBy(() -> Json.write(writable)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> Json.write(List.of(1, writable))).isInstanceOf(IllegalStateException.class);
        }
    }

    private static String randomText(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(
                    switch (random.nextInt(6)) {
                        case 0 -> (char) random.nextInt(0x20);
                        case 1 -> (char) random.nextInt(0x80);
                        case 2 -> (char) random.nextInt(0xD800, 0xE000); // surrogates, paired or not
                        case 3 -> (char) random.nextInt(0x80, 0x800);
                        case 4 -> "\"\\";
                        default -> (char) random.nextInt(0x10000);
                    });
        }
        return text.toString();
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(64)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x80, 0x100));
        }
        return bytes;
    }

    /** The writer as it was: JSON into a StringBuilder, then the String encoded as UTF-8. */
    private static byte[] reference(Object value) {
        StringBuilder out = new StringBuilder();
        referenceValue(out, value);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static void referenceValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            referenceString(out, text);
        } else if (value instanceof Integer || value instanceof Long) {
            out.append(((Number) value).longValue());
        } else if (value instanceof BigInteger || value instanceof BigDecimal) {
            out.append(value);
        } else if (value instanceof Number number) {
            double asDouble = number.doubleValue();
            if (Double.isNaN(asDouble) || Double.isInfinite(asDouble)) {
                referenceString(out, Double.toString(asDouble));
            } else {
                out.append(asDouble);
            }
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            ((Map<String, ?>) map).forEach((key, item) -> {
                StringBuilder part = new StringBuilder();
                referenceString(part, key);
                part.append(':');
                referenceValue(part, item);
                parts.add(part.toString());
            });
            out.append('{').append(String.join(",", parts)).append('}');
        } else {
            List<String> parts = new ArrayList<>();
            for (Object item : (Iterable<?>) value) {
                StringBuilder part = new StringBuilder();
                referenceValue(part, item);
                parts.add(part.toString());
            }
            out.append('[').append(String.join(",", parts)).append(']');
        }
    }

    private static void referenceString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unpaired = Character.isHighSurrogate(c)
                            && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || unpaired) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
