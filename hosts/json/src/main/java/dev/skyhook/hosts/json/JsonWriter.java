package dev.skyhook.hosts.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Plain values as compact JSON in UTF-8. Strings escape only what JSON requires (quote, backslash,
 * control characters, the common ones in short form such as backslash-n); everything else, emoji included, is
 * written as UTF-8. An unpaired surrogate, which has no UTF-8 form, is written as a backslash-u escape.
 *
 * <p>Writes UTF-8 bytes straight into one buffer: no intermediate String to encode again. A {@link
 * Json.Utf8Text} (an answer's body inside a Lambda event) is escaped from its bytes as they are.
 */
final class JsonWriter implements Json.Output {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = asciiBytes("null");
    private static final byte[] TRUE = asciiBytes("true");
    private static final byte[] FALSE = asciiBytes("false");

    private static final int CHUNK = 4096;

    // What a Json.Writable has open, innermost last: a slot for exactly one value (the Writable's own),
    // an object without members yet, with members, or with a name awaiting its value, an array empty or not.
    private static final byte SLOT_EMPTY = 0;
    private static final byte SLOT_FILLED = 1;
    private static final byte OBJECT_EMPTY = 2;
    private static final byte OBJECT_MEMBERS = 3;
    private static final byte OBJECT_NAMED = 4;
    private static final byte ARRAY_EMPTY = 5;
    private static final byte ARRAY_ITEMS = 6;

    private byte[] out = new byte[256];
    private int size;
    private byte[] open = new byte[8];
    private int depth;

    private JsonWriter() {}

    static byte[] write(Object value) {
        JsonWriter writer = new JsonWriter();
        writer.any(value);
        return Arrays.copyOf(writer.out, writer.size);
    }

    @SuppressWarnings("unchecked")
    private void any(Object value) {
        if (value == null) {
            raw(NULL);
        } else if (value instanceof String text) {
            string(text);
        } else if (value instanceof Json.Utf8Text text) {
            utf8String(text.utf8());
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            number(((Number) value).longValue());
        } else if (value instanceof BigInteger || value instanceof BigDecimal) {
            ascii(value.toString());
        } else if (value instanceof Number number) {
            double asDouble = number.doubleValue();
            if (Double.isNaN(asDouble) || Double.isInfinite(asDouble)) {
                // JSON has no such numbers.
                string(Double.toString(asDouble));
            } else {
                ascii(Double.toString(asDouble));
            }
        } else if (value instanceof Boolean bool) {
            raw(bool ? TRUE : FALSE);
        } else if (value instanceof Map<?, ?> map) {
            put('{');
            boolean first = true;
            for (Map.Entry<String, ?> entry : ((Map<String, ?>) map).entrySet()) {
                if (!first) {
                    put(',');
                }
                first = false;
                string(entry.getKey());
                put(':');
                any(entry.getValue());
            }
            put('}');
        } else if (value instanceof Iterable<?> items) {
            put('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    put(',');
                }
                first = false;
                any(item);
            }
            put(']');
        } else if (value instanceof Json.Writable writable) {
            int slot = depth;
            push(SLOT_EMPTY);
            writable.writeJson(this);
            if (depth != slot + 1 || open[slot] != SLOT_FILLED) {
                throw new IllegalStateException("a Json.Writable must write exactly one complete value");
            }
            depth = slot;
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }

    @Override
    public Json.Output beginObject() {
        beforeValue();
        put('{');
        push(OBJECT_EMPTY);
        return this;
    }

    @Override
    public Json.Output endObject() {
        byte current = current();
        if (current != OBJECT_EMPTY && current != OBJECT_MEMBERS) {
            throw new IllegalStateException("no object to end here");
        }
        put('}');
        depth--;
        return this;
    }

    @Override
    public Json.Output beginArray() {
        beforeValue();
        put('[');
        push(ARRAY_EMPTY);
        return this;
    }

    @Override
    public Json.Output endArray() {
        byte current = current();
        if (current != ARRAY_EMPTY && current != ARRAY_ITEMS) {
            throw new IllegalStateException("no array to end here");
        }
        put(']');
        depth--;
        return this;
    }

    @Override
    public Json.Output name(String name) {
        beforeName();
        string(name);
        put(':');
        return this;
    }

    @Override
    public Json.Output name(Json.Name name) {
        beforeName();
        raw(name.quoted);
        put(':');
        return this;
    }

    /** The comma before a member, if it needs one; and that a name may stand here at all. */
    private void beforeName() {
        byte current = current();
        if (current == OBJECT_MEMBERS) {
            put(',');
        } else if (current != OBJECT_EMPTY) {
            throw new IllegalStateException("a name belongs in an object, before its value");
        }
        open[depth - 1] = OBJECT_NAMED;
    }

    @Override
    public Json.Output value(long number) {
        beforeValue();
        number(number);
        return this;
    }

    @Override
    public Json.Output value(String text) {
        beforeValue();
        if (text == null) {
            raw(NULL);
        } else {
            string(text);
        }
        return this;
    }

    @Override
    public Json.Output value(Object value) {
        beforeValue();
        any(value);
        return this;
    }

    /** The comma before a value, if it needs one; and that a value may stand here at all. */
    private void beforeValue() {
        switch (current()) {
            case SLOT_EMPTY -> open[depth - 1] = SLOT_FILLED;
            case OBJECT_NAMED -> open[depth - 1] = OBJECT_MEMBERS;
            case ARRAY_EMPTY -> open[depth - 1] = ARRAY_ITEMS;
            case ARRAY_ITEMS -> put(',');
            case SLOT_FILLED -> throw new IllegalStateException("one value only");
            default -> throw new IllegalStateException("a value in an object needs its name first");
        }
    }

    private byte current() {
        if (depth == 0) {
            throw new IllegalStateException("write only from Json.Writable.writeJson");
        }
        return open[depth - 1];
    }

    private void push(byte state) {
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = state;
    }

    /** Digits straight into the buffer: no String per number. */
    private void number(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        reserve(20);
        if (value < 0) {
            out[size++] = '-';
            value = -value;
        }
        int end = size + digits(value);
        int n = end;
        do {
            out[--n] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        size = end;
    }

    private static int digits(long positive) {
        int count = 1;
        for (long limit = 10; count < 19 && positive >= limit; limit *= 10) {
            count++;
        }
        return count;
    }

    private void string(String text) {
        put('"');
        int length = text.length();
        int i = 0;
        while (i < length) {
            // At most 6 bytes per char (an escape), plus a pair crossing the chunk's end: reserving per
            // chunk keeps the loop free of checks and the buffer near the answer's size.
            int chunkEnd = Math.min(length, i + CHUNK);
            reserve((chunkEnd - i + 1) * 6L);
            byte[] b = out;
            int n = size;
            for (; i < chunkEnd; i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    if (c >= 0x20 && c != '"' && c != '\\') {
                        b[n++] = (byte) c;
                    } else {
                        n = escape(b, n, c);
                    }
                } else if (c < 0x800) {
                    b[n++] = (byte) (0xC0 | (c >> 6));
                    b[n++] = (byte) (0x80 | (c & 0x3F));
                } else if (!Character.isSurrogate(c)) {
                    b[n++] = (byte) (0xE0 | (c >> 12));
                    b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[n++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < length
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(++i));
                    b[n++] = (byte) (0xF0 | (codePoint >> 18));
                    b[n++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                    b[n++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                    b[n++] = (byte) (0x80 | (codePoint & 0x3F));
                } else {
                    n = unicodeEscape(b, n, c); // unpaired: no UTF-8 form
                }
            }
            size = n;
        }
        put('"');
    }

    /**
     * Text given as UTF-8, written as the JSON string of the text it decodes to: well-formed UTF-8 is
     * copied as it is (only ASCII needs escapes); anything else is decoded as {@code new String}
     * does (malformed bytes become U+FFFD) and written from that, so the bytes match either way.
     */
    private void utf8String(byte[] utf8) {
        int start = size;
        put('"');
        int i = 0;
        while (i < utf8.length) {
            // Room for 2 bytes per input byte (a short escape at most) and a sequence crossing the
            // chunk's end; the rare 6-byte escape of a control character reserves its extra room
            // itself. A text body takes about its own size plus its quotes, not 6 times its size.
            int chunkEnd = Math.min(utf8.length, i + CHUNK);
            reserve((chunkEnd - i) * 2L + 4);
            byte[] b = out;
            int n = size;
            while (i < chunkEnd) {
                int lead = utf8[i];
                if (lead >= 0) {
                    if (lead >= 0x20 && lead != '"' && lead != '\\') {
                        b[n++] = (byte) lead;
                    } else {
                        if (shortEscape((char) lead) == 0) {
                            size = n;
                            reserve((chunkEnd - i) * 2L + 8);
                            b = out;
                        }
                        n = escape(b, n, (char) lead);
                    }
                    i++;
                    continue;
                }
                int length = wellFormedSequence(utf8, i);
                if (length == 0) {
                    size = start;
                    string(new String(utf8, StandardCharsets.UTF_8));
                    return;
                }
                System.arraycopy(utf8, i, b, n, length);
                n += length;
                i += length;
            }
            size = n;
        }
        put('"');
    }

    /** The length of the well-formed multi-byte UTF-8 sequence at {@code i}, or 0 (Unicode's table 3-7). */
    private static int wellFormedSequence(byte[] bytes, int i) {
        int lead = bytes[i] & 0xFF;
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                secondMin = 0xA0; // no overlong forms
            } else if (lead == 0xED) {
                secondMax = 0x9F; // no surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                secondMin = 0x90;
            } else if (lead == 0xF4) {
                secondMax = 0x8F; // nothing above U+10FFFF
            }
        } else {
            return 0;
        }
        if (i + length > bytes.length) {
            return 0;
        }
        int second = bytes[i + 1] & 0xFF;
        if (second < secondMin || second > secondMax) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        return length;
    }

    private static int escape(byte[] b, int n, char c) {
        char shortForm = shortEscape(c);
        if (shortForm == 0) {
            return unicodeEscape(b, n, c);
        }
        b[n++] = '\\';
        b[n++] = (byte) shortForm;
        return n;
    }

    /** The letter of c's two-byte escape, or 0 if it takes the six-byte form. */
    private static char shortEscape(char c) {
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\f' -> 'f';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            default -> 0;
        };
    }

    private static int unicodeEscape(byte[] b, int n, char c) {
        b[n++] = '\\';
        b[n++] = 'u';
        b[n++] = HEX[c >> 12];
        b[n++] = HEX[(c >> 8) & 0xF];
        b[n++] = HEX[(c >> 4) & 0xF];
        b[n++] = HEX[c & 0xF];
        return n;
    }

    private void put(char c) {
        reserve(1);
        out[size++] = (byte) c;
    }

    private void raw(byte[] bytes) {
        reserve(bytes.length);
        System.arraycopy(bytes, 0, out, size, bytes.length);
        size += bytes.length;
    }

    /** Numbers' text: ASCII only. */
    private void ascii(String text) {
        int length = text.length();
        reserve(length);
        for (int i = 0; i < length; i++) {
            out[size++] = (byte) text.charAt(i);
        }
    }

    private void reserve(long more) {
        long needed = size + more;
        if (needed > out.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("JSON document too large");
            }
            out = Arrays.copyOf(out, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16L, out.length * 2L)));
        }
    }

    private static byte[] asciiBytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
