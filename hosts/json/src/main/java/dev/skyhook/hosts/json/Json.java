package dev.skyhook.hosts.json;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * JSON as plain maps, lists, strings, numbers, booleans and nulls, on a small reader and writer of
 * its own: no library to load and initialise in a Lambda cold start (jackson-core cost a function
 * 60-70 ms before its first answer), and request bodies can be checked field by field. Strict: one
 * value per document, strict UTF-8, no duplicate keys, nesting and number length bounded.
 */
public final class Json {
    private Json() {}

    /**
     * Parses one JSON document. Integers come back as the narrowest of Integer, Long and BigInteger;
     * fractions and exponents as BigDecimal.
     */
    public static Object parse(byte[] document) throws JsonSyntaxException {
        return JsonReader.read(document);
    }

    public static Object parse(String document) throws JsonSyntaxException {
        return parse(document.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] write(Object value) {
        return JsonWriter.write(value);
    }

    public static String writeString(Object value) {
        return new String(write(value), StandardCharsets.UTF_8);
    }

    /**
     * A value that writes itself through {@link Output}: a large answer (a page of records) written
     * straight into the answer's bytes, with no map or list built per record first. What it writes
     * is checked as it goes: a name only inside an object, values inside an object only after a
     * name, everything opened closed.
     */
    @FunctionalInterface
    public interface Writable {
        void writeJson(Output out);
    }

    /** Where a {@link Writable} writes; commas and colons are put in for it. */
    public interface Output {
        Output beginObject();

        Output endObject();

        Output beginArray();

        Output endArray();

        /** The next member's name, escaped as any string. */
        Output name(String name);

        /** The next member's name, escaped once beforehand. */
        Output name(Name name);

        Output value(long number);

        Output value(String text);

        /** Any value {@link Json#write} takes. */
        Output value(Object value);
    }

    /** A member name written often (a field of every record in a page), escaped once. */
    public static final class Name {
        private final String text;
        final byte[] quoted;

        private Name(String text) {
            this.text = text;
            this.quoted = Json.write(text);
        }

        public static Name of(String text) {
            return new Name(Objects.requireNonNull(text, "text"));
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A JSON string value given as UTF-8 bytes, such as a JSON answer's body carried inside a Lambda
     * event's {@code body}: {@link #write} escapes it from the bytes without decoding them to a String
     * first, and writes exactly what it writes for {@code new String(utf8, UTF_8)}.
     */
    public record Utf8Text(byte[] utf8) {
        public Utf8Text {
            Objects.requireNonNull(utf8, "utf8");
        }

        @Override
        public String toString() {
            return new String(utf8, StandardCharsets.UTF_8);
        }
    }
}
