package dev.skyhook.hosts.api.json;

import dev.skyhook.hosts.api.http.HttpError;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;

/**
 * A request body that must be one JSON object with known fields of known types. Every refusal
 * names the field, so a client (or the demo page) can show it next to the input.
 */
public final class JsonObject {
    private final Map<String, Object> fields;

    private JsonObject(Map<String, Object> fields) {
        this.fields = fields;
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
        Map<String, Object> fields = (Map<String, Object>) value;
        for (String name : fields.keySet()) {
            if (!allowedFields.contains(name)) {
                throw HttpError.badRequest(name, "unknown field '" + name + "'");
            }
        }
        return new JsonObject(fields);
    }

    public String requiredString(String name) {
        Object value = required(name);
        if (!(value instanceof String s)) {
            throw HttpError.badRequest(name, name + " must be a string");
        }
        return s;
    }

    /** An integer field; 31.5, "31" and 1e3 are refused, as are values outside {@code int}. */
    public int requiredInt(String name, String rangeMessage) {
        Object value = required(name);
        if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
            throw HttpError.badRequest(name, rangeMessage);
        }
        long asLong = value instanceof BigInteger big ? clamp(big) : ((Number) value).longValue();
        if (asLong < Integer.MIN_VALUE || asLong > Integer.MAX_VALUE) {
            throw HttpError.badRequest(name, rangeMessage);
        }
        return (int) asLong;
    }

    /** A whole number that fits in a {@code long}; fractions, strings and larger numbers are refused. */
    public long requiredLong(String name, String message) {
        Object value = required(name);
        if (!(value instanceof Integer || value instanceof Long)) {
            throw HttpError.badRequest(name, message);
        }
        return ((Number) value).longValue();
    }

    private Object required(String name) {
        Object value = fields.get(name);
        if (value == null) {
            throw HttpError.badRequest(name, fields.containsKey(name) ? name + " must not be null" : name + " is required");
        }
        return value;
    }

    private static long clamp(BigInteger big) {
        return big.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
}
