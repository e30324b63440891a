package dev.skyhook.hosts.api.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** HTTP headers: names compared without case, insertion order kept, several values per name. */
public final class Headers {
    private static final Headers EMPTY = new Headers(Map.of());

    /** Keyed by lower-case name; each entry keeps the name as first written. */
    private final Map<String, Entry> entries;

    private record Entry(String name, List<String> values) {}

    private Headers(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static Headers empty() {
        return EMPTY;
    }

    public static Headers of(Map<String, List<String>> multiValued) {
        Builder builder = builder();
        multiValued.forEach((name, values) -> values.forEach(value -> builder.add(name, value)));
        return builder.build();
    }

    public static Headers ofSingle(Map<String, String> singleValued) {
        Builder builder = builder();
        singleValued.forEach(builder::add);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> first(String name) {
        Entry entry = entries.get(key(name));
        return entry == null || entry.values.isEmpty() ? Optional.empty() : Optional.of(entry.values.get(0));
    }

    public List<String> all(String name) {
        Entry entry = entries.get(key(name));
        return entry == null ? List.of() : entry.values;
    }

    /** Every header as name and values, in the order they were added. */
    public Map<String, List<String>> asMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        entries.values().forEach(e -> map.put(e.name, e.values));
        return Collections.unmodifiableMap(map);
    }

    public Builder toBuilder() {
        Builder builder = builder();
        entries.values().forEach(e -> e.values.forEach(v -> builder.add(e.name, v)));
        return builder;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder() {}

        public Builder add(String name, String value) {
            if (name != null && value != null) {
                entries.computeIfAbsent(key(name), k -> new Entry(name, new ArrayList<>()))
                        .values
                        .add(value);
            }
            return this;
        }

        /** Replaces every value of {@code name}. */
        public Builder set(String name, String value) {
            entries.remove(key(name));
            return add(name, value);
        }

        public Headers build() {
            Map<String, Entry> copy = new LinkedHashMap<>();
            entries.forEach((k, e) -> copy.put(k, new Entry(e.name, List.copyOf(e.values))));
            return new Headers(Collections.unmodifiableMap(copy));
        }
    }
}
