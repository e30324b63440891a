package dev.skyhook.hosts.lambda.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads from an event parsed as plain JSON; a field of the wrong type is refused, not cast. */
final class EventFields {
    private EventFields() {}

    static String string(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new UnsupportedEventException("'" + name + "' must be a string");
    }

    static boolean bool(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw new UnsupportedEventException("'" + name + "' must be true or false");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> object, String name) {
        Object value = object.get(name);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw new UnsupportedEventException("'" + name + "' must be an object");
    }

    /** An object of strings, as API Gateway sends headers and query parameters. Null values are dropped. */
    static Map<String, String> strings(Map<String, Object> object, String name) {
        Map<String, String> result = new LinkedHashMap<>();
        object(object, name).forEach((key, value) -> {
            if (value instanceof String s) {
                result.put(key, s);
            } else if (value != null) {
                throw new UnsupportedEventException("'" + name + "." + key + "' must be a string");
            }
        });
        return result;
    }

    /** An object of string lists, as in {@code multiValueHeaders}; null when absent. */
    static Map<String, List<String>> stringLists(Map<String, Object> object, String name) {
        if (object.get(name) == null) {
            return null;
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        object(object, name).forEach((key, value) -> {
            if (value != null) {
                result.put(key, strings(value, name + "." + key));
            }
        });
        return result;
    }

    static List<String> stringList(Map<String, Object> object, String name) {
        Object value = object.get(name);
        return value == null ? List.of() : strings(value, name);
    }

    private static List<String> strings(Object value, String where) {
        if (!(value instanceof List<?> list)) {
            throw new UnsupportedEventException("'" + where + "' must be a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new UnsupportedEventException("'" + where + "' must be a list of strings");
            }
            strings.add(s);
        }
        return strings;
    }
}
