package dev.skyhook.hosts.api.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON on jackson-core's streaming parser, into plain maps, lists, strings, numbers, booleans and
 * nulls. Strict: one value per document, no duplicate keys, bounded nesting. Streaming keeps Lambda
 * cold starts short (no data binding to warm up) and lets request bodies be checked field by field.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(100).build())
        // Emoji and other non-BMP characters as real UTF-8, not as escaped surrogate pairs.
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        .build();
    /** Where a limit comes from in the parser's words: {@code , from `StreamReadConstraints.getMaxNestingDepth()`}. */
    private static final Pattern LIMIT_SOURCE = Pattern.compile(",? from `[^`]*`");

    private Json() {}

    /** Parses one JSON document. Integers come back as Integer, Long or BigInteger; fractions as BigDecimal. */
    public static Object parse(byte[] document) throws JsonSyntaxException {
        requireStrictUtf8(document);
        try (JsonParser parser = FACTORY.createParser(document)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonSyntaxException("empty document");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new JsonSyntaxException("unexpected content after the JSON value" + at(parser.currentLocation()));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new JsonSyntaxException(describe(e));
        } catch (CharConversionException e) {
            // Jackson takes leading NUL bytes for UTF-16 or UTF-32 and then finds characters that cannot exist.
            throw notUtf8();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JSON is UTF-8 without a byte-order mark (RFC 8259). Jackson skips a BOM and decodes overlong
     * forms ({@code C0 AF} as '/') and sequences past U+10FFFF into lone surrogates, which lets bytes
     * that filters never see become characters, and text that cannot be written back.
     */
    private static void requireStrictUtf8(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            throw new JsonSyntaxException("it starts with a byte-order mark");
        }
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            // The shortest form only, no surrogates (ED A0..BF), nothing past U+10FFFF (F4 90..).
            int continuation;
            int secondLow = 0x80;
            int secondHigh = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                continuation = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                continuation = 2;
                secondLow = lead == 0xE0 ? 0xA0 : 0x80;
                secondHigh = lead == 0xED ? 0x9F : 0xBF;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                continuation = 3;
                secondLow = lead == 0xF0 ? 0x90 : 0x80;
                secondHigh = lead == 0xF4 ? 0x8F : 0xBF;
            } else {
                throw notUtf8();
            }
            if (i + continuation >= bytes.length) {
                throw notUtf8();
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondLow || second > secondHigh) {
                throw notUtf8();
            }
            for (int k = 2; k <= continuation; k++) {
                int next = bytes[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    throw notUtf8();
                }
            }
            i += continuation + 1;
        }
    }

    private static JsonSyntaxException notUtf8() {
        return new JsonSyntaxException("it is not valid UTF-8");
    }

    public static Object parse(String document) throws JsonSyntaxException {
        return parse(document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String writeString(Object value) {
        return new String(write(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, read(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(read(parser, t));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                try {
                    return token == JsonToken.VALUE_NUMBER_INT ? parser.getNumberValue() : parser.getDecimalValue();
                } catch (NumberFormatException e) {
                    // 1e99999999999 has few digits but no BigDecimal: Jackson throws an unchecked exception.
                    throw new JsonSyntaxException("number out of range" + at(parser.currentLocation()));
                }
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonSyntaxException("unexpected " + token + at(parser.currentLocation()));
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String s) {
            generator.writeString(s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            generator.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else if (value instanceof Number number) {
            generator.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<String, ?> entry : ((Map<String, ?>) map).entrySet()) {
                generator.writeFieldName(entry.getKey());
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            generator.writeStartArray();
            for (Object item : items) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static String describe(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int newline = reason.indexOf('\n');
        if (newline >= 0) {
            reason = reason.substring(0, newline);
        }
        // Limits name the parser's own setting ("64, from `StreamReadConstraints.getMaxNestingDepth()`"): keep the number only.
        return LIMIT_SOURCE.matcher(reason).replaceAll("") + at(e.getLocation());
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
