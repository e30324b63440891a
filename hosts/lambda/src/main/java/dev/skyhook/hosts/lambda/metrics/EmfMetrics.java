package dev.skyhook.hosts.lambda.metrics;

import dev.skyhook.hosts.json.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * CloudWatch metrics in the Embedded Metric Format: what an invocation recorded is written as one
 * JSON line on standard output when it ends, and CloudWatch Logs turns the line into metrics in
 * namespace {@value #NAMESPACE}, per function name. No agent, no API call, no SDK on the path.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">the EMF specification</a>
 */
public final class EmfMetrics {
    public static final String NAMESPACE = "Skyhook";
    public static final String DIMENSION = "FunctionName";
    /** EMF takes at most 100 values of one metric in one line. */
    private static final int MAX_VALUES = 100;

    public enum Metric {
        /** Images accepted into the upload folders (through {@code POST /images}, or direct uploads the check kept). */
        UPLOADS("Uploads", "Count", true),
        /** Bytes of those images. */
        BYTES_STORED("BytesStored", "Bytes", true),
        /** Time to render one image variant (cache misses only). */
        VARIANT_TIME("VariantTime", "Milliseconds", false),
        /** 1 on the first invocation an execution environment serves (after init or a SnapStart restore). */
        COLD_START("ColdStart", "Count", true);

        private final String metricName;
        private final String unit;
        private final boolean summed;

        Metric(String metricName, String unit, boolean summed) {
            this.metricName = metricName;
            this.unit = unit;
            this.summed = summed;
        }

        public String metricName() {
            return metricName;
        }

        public String unit() {
            return unit;
        }
    }

    private final Consumer<String> sink;
    private final Clock clock;
    private final Map<Metric, List<Double>> recorded = new EnumMap<>(Metric.class);
    private final AtomicBoolean served = new AtomicBoolean();

    public EmfMetrics(Consumer<String> sink, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static EmfMetrics toStandardOutput() {
        // Looked up per line, so a System.setOut after start still takes the lines.
        return new EmfMetrics(line -> System.out.println(line), Clock.systemUTC());
    }

    /** Records one value for the invocation under way. */
    public synchronized void record(Metric metric, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(
                    metric.metricName + " must be a finite, non-negative number, was " + value);
        }
        recorded.computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
    }

    /** Records images stored in the upload folders, and their bytes when known (negative: unknown, not recorded). */
    public void recordStoredImages(int images, long bytes) {
        record(Metric.UPLOADS, images);
        if (bytes >= 0) {
            record(Metric.BYTES_STORED, bytes);
        }
    }

    /**
     * Ends an invocation: writes what it recorded (with {@code ColdStart} on the environment's
     * first) as one EMF line, and starts the next with nothing recorded. Writes nothing when there
     * is nothing to report.
     */
    public void endInvocation(String functionName, String requestId) {
        if (served.compareAndSet(false, true)) {
            record(Metric.COLD_START, 1);
        }
        Map<Metric, List<Double>> values;
        synchronized (this) {
            values = new EnumMap<>(recorded);
            recorded.clear();
        }
        if (!values.isEmpty()) {
            sink.accept(line(functionName, requestId, values));
        }
    }

    /** Lets the next invocation count as a cold start again (a SnapStart restore is a new environment). */
    public void restored() {
        served.set(false);
    }

    private String line(String functionName, String requestId, Map<Metric, List<Double>> values) {
        List<Map<String, Object>> definitions = new ArrayList<>();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(
                "_aws",
                Map.of(
                        "Timestamp", clock.millis(),
                        "CloudWatchMetrics",
                                List.of(Map.of(
                                        "Namespace", NAMESPACE,
                                        "Dimensions", List.of(List.of(DIMENSION)),
                                        "Metrics", definitions))));
        line.put(DIMENSION, functionName == null || functionName.isEmpty() ? "-" : functionName);
        line.put("requestId", requestId == null || requestId.isEmpty() ? "-" : requestId);
        values.forEach((metric, recordedValues) -> {
            definitions.add(Map.of("Name", metric.metricName, "Unit", metric.unit));
            line.put(metric.metricName, metric.summed ? number(sum(recordedValues)) : numbers(recordedValues));
        });
        return Json.writeString(line);
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Object numbers(List<Double> values) {
        List<Object> kept =
                values.stream().limit(MAX_VALUES).map(EmfMetrics::number).toList();
        return kept.size() == 1 ? kept.get(0) : kept;
    }

    /** Whole numbers as integers (counts and bytes read better so); others as they are. */
    private static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) value;
    }
}
