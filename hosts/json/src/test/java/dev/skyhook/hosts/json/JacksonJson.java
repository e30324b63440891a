package dev.skyhook.hosts.json;

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
 * The reference {@link Json} is tested against: what it did on jackson-core's streaming parser
 * (strict: duplicate detection, nesting and number-length limits) before it had its own reader.
 */
final class JacksonJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(100)
                    .build())
            // Emoji and other non-BMP characters as real UTF-8, not as escaped surrogate pairs.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    /** Where a limit comes from in the parser's words: {@code , from `StreamReadConstraints.getMaxNestingDepth()`}. */
    private static final Pattern LIMIT_SOURCE = Pattern.compile(",? from `[^`]*`");

    private JacksonJson() {}

    /** Parses one JSON document. Integers come back as Integer, Long or BigInteger; fractions as BigDecimal. */
    static Object parse(byte[] document) throws JsonSyntaxException {
        JsonReader.requireStrictUtf8(document);
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
            throw new JsonSyntaxException("it is not valid UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object parse(String document) throws JsonSyntaxException {
        return parse(document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String writeString(Object value) {
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
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
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
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }

    private static String describe(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        int newline = reason.indexOf('\n');
        if (newline >= 0) {
            reason = reason.substring(0, newline);
        }
        // Limits name the parser's own setting ("64, from `StreamReadConstraints.getMaxNestingDepth()`"): keep the
        // number only.
        return LIMIT_SOURCE.matcher(reason).replaceAll("") + at(e.getLocation());
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
