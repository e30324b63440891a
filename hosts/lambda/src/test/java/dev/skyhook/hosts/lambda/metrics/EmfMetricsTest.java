package dev.skyhook.hosts.lambda.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.hosts.json.Json;
import dev.skyhook.hosts.lambda.metrics.EmfMetrics.Metric;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmfMetricsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T07:00:00.123Z");

    private final List<String> lines = new ArrayList<>();
    private final EmfMetrics metrics = new EmfMetrics(lines::add, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anInvocationsValuesBecomeOneLineInTheEmbeddedMetricFormat() {
        metrics.endInvocation("skyhook-images", "warm-up");
        lines.clear();
        metrics.record(Metric.UPLOADS, 2);
        metrics.record(Metric.BYTES_STORED, 1200);
        metrics.record(Metric.BYTES_STORED, 34);
        metrics.record(Metric.VARIANT_TIME, 12.5);

        metrics.endInvocation("skyhook-images", "req-1");

        assertThat(lines).hasSize(1);
        Map<String, Object> line = EmfLines.parse(lines.get(0));
        EmfLines.assertValidEmf(line);
        assertThat(EmfLines.timestamp(line)).isEqualTo(NOW.toEpochMilli());
        assertThat(EmfLines.namespace(line)).isEqualTo("Skyhook");
        assertThat(EmfLines.dimensions(line)).isEqualTo(List.of(List.of("FunctionName")));
        assertThat(EmfLines.units(line))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("Uploads", "Count", "BytesStored", "Bytes", "VariantTime", "Milliseconds"));
        assertThat(line)
                .containsEntry("FunctionName", "skyhook-images")
                .containsEntry("requestId", "req-1")
                .containsEntry("Uploads", 2)
                .containsEntry("BytesStored", 1234);
        assertThat(((Number) line.get("VariantTime")).doubleValue()).isEqualTo(12.5);
    }

    @Test
    void theFirstInvocationIsTheColdStartAndARestoreMakesTheNextOneColdAgain() {
        metrics.endInvocation("f", "first");
        metrics.endInvocation("f", "second");
        metrics.restored();
        metrics.endInvocation("f", "after-restore");

        assertThat(lines).hasSize(2);
        assertThat(EmfLines.parse(lines.get(0))).containsEntry("ColdStart", 1).containsEntry("requestId", "first");
        assertThat(EmfLines.parse(lines.get(1)))
                .containsEntry("ColdStart", 1)
                .containsEntry("requestId", "after-restore");
        EmfLines.assertValidEmf(EmfLines.parse(lines.get(1)));
    }

    @Test
    void severalVariantTimesStayIndividualValuesWhileCountsAreSummed() {
        metrics.endInvocation("f", "warm-up");
        metrics.record(Metric.VARIANT_TIME, 3);
        metrics.record(Metric.VARIANT_TIME, 4.25);
        metrics.record(Metric.UPLOADS, 1);
        metrics.record(Metric.UPLOADS, 1);

        metrics.endInvocation("f", "r");

        Map<String, Object> line = EmfLines.parse(lines.get(1));
        assertThat(((List<?>) line.get("VariantTime"))
                        .stream().map(value -> ((Number) value).doubleValue()).toList())
                .containsExactly(3.0, 4.25);
        assertThat(line.get("Uploads")).isEqualTo(2);
        assertThat(line).doesNotContainKey("ColdStart");
    }

    @Test
    void aWarmInvocationThatRecordedNothingWritesNothingAndValuesDoNotLeakIntoTheNext() {
        metrics.endInvocation("f", "cold");
        metrics.record(Metric.UPLOADS, 1);
        metrics.endInvocation("f", "upload");
        metrics.endInvocation("f", "hello");

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("\"requestId\":\"upload\"");
    }

    @Test
    void refusesValuesCloudWatchWouldDrop() {
        assertThatThrownBy(() -> metrics.record(Metric.VARIANT_TIME, Double.NaN))
                .hasMessageContaining("VariantTime");
        assertThatThrownBy(() -> metrics.record(Metric.BYTES_STORED, -1)).hasMessageContaining("non-negative");
    }

    @Test
    void theLineIsPlainJsonOnOneLine() {
        metrics.endInvocation("name with \"quotes\"\n", "r");

        assertThat(lines.get(0)).doesNotContain("\n");
        assertThat(Json.parse(lines.get(0))).isInstanceOf(Map.class);
    }
}
