package dev.skyhook.hosts.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON document (RFC 8259) from strict UTF-8 bytes, by recursive descent: objects become
 * insertion-ordered maps, arrays lists, integers the narrowest of Integer, Long and BigInteger, other
 * numbers BigDecimal. No extensions: no comments, no single quotes, no NaN, no leading zeros, no
 * trailing commas, no duplicate keys, no control characters in strings.
 */
final class JsonReader {
    static final int MAX_NESTING_DEPTH = 64;
    /** Digits in a number: before and after the decimal point and in the exponent. */
    static final int MAX_NUMBER_LENGTH = 100;

    private static final int LONGEST_QUOTED_NAME = 40;

    private final byte[] in;
    private int position;

    private JsonReader(byte[] in) {
        this.in = in;
    }

    static Object read(byte[] document) {
        requireStrictUtf8(document);
        JsonReader reader = new JsonReader(document);
        reader.skipWhitespace();
        if (reader.atEnd()) {
            throw new JsonSyntaxException("empty document");
        }
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (!reader.atEnd()) {
            throw reader.error("unexpected content after the JSON value: " + reader.found());
        }
        return value;
    }

    private Object value(int depth) {
        if (atEnd()) {
            throw error("the document ends where a value should be");
        }
        return switch (in[position]) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number();
            default -> throw error("expected a value, found " + found());
        };
    }

    private Map<String, Object> object(int depth) {
        enter(depth);
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (skip('}')) {
            return object;
        }
        while (true) {
            skipWhitespace();
            if (atEnd() || in[position] != '"') {
                throw error("expected a field name in double quotes, found " + found());
            }
            int nameStart = position;
            String name = string();
            if (object.containsKey(name)) {
                position = nameStart;
                throw error("duplicate field " + quoted(name));
            }
            skipWhitespace();
            if (!skip(':')) {
                throw error("expected ':' after the field name " + quoted(name) + ", found " + found());
            }
            skipWhitespace();
            object.put(name, value(depth));
            skipWhitespace();
            if (skip('}')) {
                return object;
            }
            if (!skip(',')) {
                throw error("expected ',' or '}' after a field's value, found " + found());
            }
        }
    }

    private List<Object> array(int depth) {
        enter(depth);
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (skip(']')) {
            return array;
        }
        while (true) {
            skipWhitespace();
            array.add(value(depth));
            skipWhitespace();
            if (skip(']')) {
                return array;
            }
            if (!skip(',')) {
                throw error("expected ',' or ']' after an array element, found " + found());
            }
        }
    }

    /** Past the opening bracket, if the depth is allowed. */
    private void enter(int depth) {
        if (depth > MAX_NESTING_DEPTH) {
            throw error("nesting depth (" + depth + ") exceeds the maximum allowed (" + MAX_NESTING_DEPTH + ")");
        }
        position++;
    }

    private Object literal(String word, Object value) {
        for (int i = 0; i < word.length(); i++) {
            if (position + i >= in.length || in[position + i] != word.charAt(i)) {
                position += i;
                throw error("expected '" + word + "', found " + found());
            }
        }
        position += word.length();
        return value;
    }

    /**
     * The bytes are strict UTF-8 and every byte JSON treats specially is ASCII, which never occurs
     * inside a multi-byte sequence: runs between escapes decode on their own.
     */
    private String string() {
        int runStart = ++position;
        StringBuilder text = null;
        while (true) {
            if (atEnd()) {
                throw error("the document ends inside a string");
            }
            int current = in[position] & 0xFF;
            if (current == '"' || current == '\\') {
                String run = new String(in, runStart, position - runStart, StandardCharsets.UTF_8);
                if (current == '"') {
                    position++;
                    return text == null ? run : text.append(run).toString();
                }
                text = (text == null ? new StringBuilder(run.length() + 16) : text).append(run);
                escape(text);
                runStart = position;
            } else if (current < 0x20) {
                throw error("control character " + found() + " in a string must be escaped");
            } else {
                position++;
            }
        }
    }

    private void escape(StringBuilder text) {
        position++;
        if (atEnd()) {
            throw error("the document ends inside an escape");
        }
        byte escaped = in[position];
        switch (escaped) {
            case '"', '\\', '/' -> text.append((char) escaped);
            case 'b' -> text.append('\b');
            case 'f' -> text.append('\f');
            case 'n' -> text.append('\n');
            case 'r' -> text.append('\r');
            case 't' -> text.append('\t');
            case 'u' -> {
                int code = 0;
                for (int i = 1; i <= 4; i++) {
                    int digit = position + i < in.length ? Character.digit(in[position + i], 16) : -1;
                    if (digit < 0) {
                        position += i;
                        throw error("expected 4 hexadecimal digits after \\u, found " + found());
                    }
                    code = code * 16 + digit;
                }
                // Unpaired surrogates are kept, as JSON allows; whoever needs UTF-8 text refuses them.
                text.append((char) code);
                position += 4;
            }
            default -> throw error("unknown escape \\" + found());
        }
        position++;
    }

    private Object number() {
        int start = position;
        skip('-');
        int digits = position;
        if (skip('0')) {
            if (digitHere()) {
                throw error("a number must not start with 0 (leading zeros are not allowed)");
            }
        } else {
            requireDigits("expected a digit");
        }
        int length = position - digits;
        boolean integral = true;
        if (skip('.')) {
            integral = false;
            length += requireDigits("expected a digit after the decimal point");
        }
        if (skip('e') || skip('E')) {
            integral = false;
            if (!skip('+')) {
                skip('-');
            }
            length += requireDigits("expected a digit in the exponent");
        }
        if (length > MAX_NUMBER_LENGTH) {
            position = start;
            throw error(
                    "number length (" + length + " digits) exceeds the maximum allowed (" + MAX_NUMBER_LENGTH + ")");
        }
        String text = new String(in, start, position - start, StandardCharsets.ISO_8859_1);
        if (integral) {
            return length <= 18 ? narrowest(Long.parseLong(text)) : narrowest(new BigInteger(text));
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            // 1e99999999999: few digits, but no BigDecimal has that exponent.
            position = start;
            throw error("number out of range");
        }
    }

    private static Object narrowest(long value) {
        if (value == (int) value) {
            return Integer.valueOf((int) value);
        }
        return Long.valueOf(value);
    }

    private static Object narrowest(BigInteger value) {
        return value.bitLength() < 64 ? narrowest(value.longValue()) : value;
    }

    /** Skips one digit or more; how many. */
    private int requireDigits(String expected) {
        if (!digitHere()) {
            throw error(expected + ", found " + found());
        }
        int start = position;
        while (digitHere()) {
            position++;
        }
        return position - start;
    }

    private boolean digitHere() {
        return !atEnd() && in[position] >= '0' && in[position] <= '9';
    }

    private boolean skip(char expected) {
        if (!atEnd() && in[position] == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (!atEnd()) {
            byte current = in[position];
            if (current != ' ' && current != '\n' && current != '\r' && current != '\t') {
                return;
            }
            position++;
        }
    }

    private boolean atEnd() {
        return position >= in.length;
    }

    /** What is at the current position, for a message: a quoted ASCII character, a code point, or the end. */
    private String found() {
        if (atEnd()) {
            return "the end of the document";
        }
        int current = in[position] & 0xFF;
        if (current >= 0x20 && current < 0x7F) {
            return "'" + (char) current + "'";
        }
        if (current < 0x80) {
            return String.format("U+%04X", current);
        }
        int end = position + 1;
        while (end < in.length && (in[end] & 0xC0) == 0x80) {
            end++;
        }
        return String.format("U+%04X", new String(in, position, end - position, StandardCharsets.UTF_8).codePointAt(0));
    }

    private static String quoted(String name) {
        return "'" + (name.length() > LONGEST_QUOTED_NAME ? name.substring(0, LONGEST_QUOTED_NAME) + "..." : name)
                + "'";
    }

    /** The message with where it happened: lines and columns from 1, columns counted in bytes. */
    private JsonSyntaxException error(String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(position, in.length); i++) {
            if (in[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonSyntaxException(message + " at line " + line + ", column " + (position - lineStart + 1));
    }

    /**
     * JSON is UTF-8 without a byte-order mark (RFC 8259). Lenient decoders skip a BOM and decode
     * overlong forms ({@code C0 AF} as '/') and sequences past U+10FFFF, which lets bytes that
     * filters never see become characters, and text that cannot be written back.
     */
    static void requireStrictUtf8(byte[] bytes) {
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
}
