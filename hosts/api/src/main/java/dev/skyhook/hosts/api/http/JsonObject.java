package dev.skyhook.hosts.api.http;

import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.json.JsonSyntaxException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/**
 * A request body that must be one JSON object with known fields of known types. Every refusal
 * names the field, so a client (or the demo page) can show it next to the input; a field of a
 * nested object is named by its path ({@code PickupLocation.Latitude}).
 */
public final class JsonObject {
    private final Map<String, Object> fields;
    /** Empty for the body itself; {@code "PickupLocation."} for an object inside it. */
    private final String path;

    private JsonObject(Map<String, Object> fields, String path) {
        this.fields = fields;
        this.path = path;
    }

    @SuppressWarnings("unchecked")
    public static JsonObject parse(byte[] body, Set<String> allowedFields) {
        if (body.length == 0) {
            throw HttpError.badRequest("body", "body must be a JSON object");
        }
        Object value;
        try {
            value = Json.parse(body);
        } catch (JsonSyntaxException e) {
            throw HttpError.badRequest("body", "body is not valid JSON: " + e.getMessage());
        }
        if (!(value instanceof Map)) {
            throw HttpError.badRequest("body", "body must be a JSON object");
        }
        return withKnownFields((Map<String, Object>) value, allowedFields, "");
    }

    private static JsonObject withKnownFields(Map<String, Object> fields, Set<String> allowedFields, String path) {
        for (String name : fields.keySet()) {
            if (!allowedFields.contains(name)) {
                throw HttpError.badRequest(path + name, "unknown field '" + path + name + "'");
            }
        }
        return new JsonObject(fields, path);
    }

    public String requiredString(String name) {
        Object value = required(name);
        if (!(value instanceof String s)) {
            throw HttpError.badRequest(path + name, path + name + " must be a string");
        }
        return s;
    }

    /** A JSON object inside this one, with its own known fields. */
    @SuppressWarnings("unchecked")
    public JsonObject requiredObject(String name, Set<String> allowedFields) {
        Object value = required(name);
        if (!(value instanceof Map)) {
            throw HttpError.badRequest(path + name, path + name + " must be a JSON object");
        }
        return withKnownFields((Map<String, Object>) value, allowedFields, path + name + ".");
    }

    /**
     * A JSON number as a {@code double}; strings such as {@code "47.6"}, booleans and nulls are refused
     * with {@code message}. A number too large for a double comes back infinite, for the caller's range check.
     */
    public double requiredNumber(String name, String message) {
        Object value = required(name);
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return ((Number) value).doubleValue();
        }
        throw HttpError.badRequest(path + name, message);
    }

    /** An integer field; 31.5, "31" and 1e3 are refused, as are values outside {@code int}. */
    public int requiredInt(String name, String rangeMessage) {
        Object value = required(name);
        if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
            throw HttpError.badRequest(path + name, rangeMessage);
        }
        long asLong = value instanceof BigInteger big ? clamp(big) : ((Number) value).longValue();
        if (asLong < Integer.MIN_VALUE || asLong > Integer.MAX_VALUE) {
            throw HttpError.badRequest(path + name, rangeMessage);
        }
        return (int) asLong;
    }

    /** A whole number that fits in a {@code long}; fractions, strings and larger numbers are refused. */
    public long requiredLong(String name, String message) {
        Object value = required(name);
        if (!(value instanceof Integer || value instanceof Long)) {
            throw HttpError.badRequest(path + name, message);
        }
        return ((Number) value).longValue();
    }

    private Object required(String name) {
        Object value = fields.get(name);
        if (value == null) {
            String field = path + name;
            throw HttpError.badRequest(
                    field, fields.containsKey(name) ? field + " must not be null" : field + " is required");
        }
        return value;
    }

    private static long clamp(BigInteger big) {
        return big.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
}
