package dev.skyhook.hosts.lambda.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyhook.hosts.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads EMF lines back and checks them against the parts of the specification CloudWatch enforces. */
public final class EmfLines {
    private EmfLines() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String line) {
        return (Map<String, Object>) Json.parse(line);
    }

    public static boolean isEmf(Map<String, Object> line) {
        return line.get("_aws") instanceof Map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> aws(Map<String, Object> line) {
        return (Map<String, Object>) line.get("_aws");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> directive(Map<String, Object> line) {
        List<Object> directives = (List<Object>) aws(line).get("CloudWatchMetrics");
        assertThat(directives).hasSize(1);
        return (Map<String, Object>) directives.get(0);
    }

    public static long timestamp(Map<String, Object> line) {
        return ((Number) aws(line).get("Timestamp")).longValue();
    }

    public static String namespace(Map<String, Object> line) {
        return (String) directive(line).get("Namespace");
    }

    public static Object dimensions(Map<String, Object> line) {
        return directive(line).get("Dimensions");
    }

    /** Metric name to unit, as declared. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> units(Map<String, Object> line) {
        Map<String, String> units = new LinkedHashMap<>();
        for (Object metric : (List<Object>) directive(line).get("Metrics")) {
            Map<String, Object> definition = (Map<String, Object>) metric;
            units.put((String) definition.get("Name"), (String) definition.get("Unit"));
        }
        return units;
    }

    /**
     * The root holds {@code _aws} with an epoch-millisecond Timestamp and one directive (a
     * namespace, dimension sets whose names all have string values at the root, metrics with
     * a name and a standard unit), and every declared metric has a number or a list of numbers at
     * the root.
     */
    @SuppressWarnings("unchecked")
    public static void assertValidEmf(Map<String, Object> line) {
        assertThat(aws(line)).containsKeys("Timestamp", "CloudWatchMetrics");
        assertThat(aws(line).get("Timestamp")).isInstanceOf(Number.class);
        assertThat(timestamp(line)).isGreaterThan(1_500_000_000_000L);
        assertThat(namespace(line)).matches("[A-Za-z0-9._#:/ -]{1,255}");
        List<Object> dimensionSets = (List<Object>) dimensions(line);
        assertThat(dimensionSets).isNotEmpty();
        for (Object set : dimensionSets) {
            assertThat((List<Object>) set)
                    .isNotEmpty()
                    .hasSizeLessThanOrEqualTo(30)
                    .allSatisfy(name -> assertThat(line.get((String) name))
                            .as("dimension " + name)
                            .isInstanceOf(String.class));
        }
        Map<String, String> units = units(line);
        assertThat(units).isNotEmpty().hasSizeLessThanOrEqualTo(100);
        units.forEach((name, unit) -> {
            assertThat(unit)
                    .isIn(
                            "Seconds",
                            "Microseconds",
                            "Milliseconds",
                            "Bytes",
                            "Kilobytes",
                            "Megabytes",
                            "Count",
                            "Count/Second",
                            "None");
            Object value = line.get(name);
            if (value instanceof List<?> values) {
                assertThat(values)
                        .as(name)
                        .isNotEmpty()
                        .hasSizeLessThanOrEqualTo(100)
                        .allMatch(Number.class::isInstance);
            } else {
                assertThat(value).as(name).isInstanceOf(Number.class);
            }
        });
    }
}
