package dev.skyhook.benchmarks.coldstart;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The samples of every case, and the table: cold median, min and max, the ratio to the floor, warm latency. */
final class Report {
    private static final double HELLO_TARGET = 1.3;
    private static final double STORE_TARGET = 2.0;
    private static final double MICRONAUT_SPEEDUP_TARGET = 2.0;
    private static final double RESTORED_TARGET = 1.5;

    private record Samples(
            List<Double> cold,
            List<Double> init,
            List<Double> initCpu,
            List<Double> cpu,
            List<Double> warm,
            List<Double> restore) {}

    private final Map<ColdStartBenchmark.Case, Samples> samples = new LinkedHashMap<>();
    private final Map<ColdStartBenchmark.Case, List<String>> failures = new LinkedHashMap<>();

    Report(List<ColdStartBenchmark.Case> cases) {
        cases.forEach(measured -> samples.put(
                measured,
                new Samples(
                        new ArrayList<>(),
                        new ArrayList<>(),
                        new ArrayList<>(),
                        new ArrayList<>(),
                        new ArrayList<>(),
                        new ArrayList<>())));
    }

    void add(ColdStartBenchmark.Case measured, ColdStartBenchmark.Measurement measurement) {
        Samples these = samples.get(measured);
        these.cold.add(measurement.coldMillis());
        these.init.add(measurement.initMillis());
        these.cpu.add(measurement.cpuMillis());
        these.initCpu.add(measurement.initCpuMillis());
        these.warm.addAll(measurement.warmMillis());
        these.restore.add(measurement.restoreMillis());
    }

    void fail(ColdStartBenchmark.Case measured, String reason) {
        failures.computeIfAbsent(measured, key -> new ArrayList<>())
                .add(reason.length() > 160 ? reason.substring(0, 160) + "..." : reason);
    }

    /** No successful run at all: the row has no figures. */
    boolean failed(ColdStartBenchmark.Case measured) {
        return samples.get(measured).cold.isEmpty();
    }

    String markdown(Options options) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Cold start to first answer: %d runs per row, %d warm invocations after each cold one.%n",
                options.runs,
                options.warmInvokes));
        out.append(String.format(
                Locale.ROOT,
                "JDK %s (%s), %d cores, load average %.2f at the end; JAVA_TOOL_OPTIONS=\"%s\"; flags \"%s\"; "
                        + "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=%d.%n%n",
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vendor"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                options.javaToolOptions,
                String.join(" ", options.jvmFlags),
                options.memoryMegabytes));
        out.append(
                "| variant | request | cold median | min | max | init median (restore/next) | x floor | CPU median (init) | CPU x floor "
                        + "| warm median | warm p90 | targets |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        samples.forEach((measured, these) -> {
            Variant variant = measured.variant();
            double floor = coldMedian(variant.floor(), null).orElse(Double.NaN);
            double floorCpu = cpuMedian(variant.floor()).orElse(Double.NaN);
            List<String> failed = failures.getOrDefault(measured, List.of());
            if (failed(measured)) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | every run failed: %s | | | | | | | | | |%n",
                        variant.name(),
                        measured.request().name(),
                        failed.isEmpty() ? "no runs" : failed.get(0).replace("|", "\\|")));
                return;
            }
            double median = percentile(these.cold, 50);
            double cpu = percentile(these.cpu, 50);
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.0f ms | %.0f | %.0f | %s | %s | %s | %s | %s | %s | %s |%n",
                    variant.name(),
                    variant.perRequest() ? measured.request().name() : "-",
                    median,
                    min(these.cold),
                    max(these.cold),
                    variant.isBareJvm() || variant.isNode()
                            ? "-"
                            : String.format(Locale.ROOT, "%.0f ms", percentile(these.init, 50))
                                    + (variant.snapStart()
                                            ? String.format(Locale.ROOT, " (%.0f ms)", percentile(these.restore, 50))
                                            : ""),
                    Double.isNaN(floor) || variant.isNode() ? "-" : String.format(Locale.ROOT, "%.2fx", median / floor),
                    Double.isNaN(cpu)
                            ? "-"
                            : String.format(Locale.ROOT, "%.0f ms (%.0f)", cpu, percentile(these.initCpu, 50)),
                    Double.isNaN(cpu) || Double.isNaN(floorCpu)
                            ? "-"
                            : String.format(Locale.ROOT, "%.2fx", cpu / floorCpu),
                    these.warm.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f ms", percentile(these.warm, 50)),
                    these.warm.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f ms", percentile(these.warm, 90)),
                    targets(measured, median, floor)
                            + (failed.isEmpty()
                                    ? ""
                                    : String.format(
                                            Locale.ROOT,
                                            " (%d of %d runs failed: %s)",
                                            failed.size(),
                                            failed.size() + these.cold.size(),
                                            failed.get(0).replace("|", "\\|")))));
        });
        out.append(
                "\ncold: from starting the process to the first answer received by the Runtime API; init: to the runtime "
                        + "client's first poll for an event (JVM, client, the handler's constructor); CPU: the process's CPU time (all "
                        + "threads, in 10 ms ticks) up to its first answer, in brackets up to its first poll, which other work on the machine inflates less than wall time. "
                        + "Restored variants (-snap): cold and init from the start of `criu restore`, in brackets to the restored client's restore/next "
                        + "call (before its afterRestore hooks); x floor against floor-snap; CPU of the restored process only (CRIU's own not counted).\n");
        return out.toString();
    }

    /** The targets, for the Lambda host's per-function variants. */
    private String targets(ColdStartBenchmark.Case measured, double median, double floor) {
        Variant variant = measured.variant();
        if (variant.snapStart() && !variant.isFloor() && !variant.name().equals(Variant.DAGGER_SNAP_START_BASELINE)) {
            List<String> verdicts = new ArrayList<>();
            if (!Double.isNaN(floor)) {
                verdicts.add(String.format(
                        Locale.ROOT,
                        "<= %.1fx restored floor: %s",
                        RESTORED_TARGET,
                        median / floor <= RESTORED_TARGET ? "met" : "MISSED"));
            }
            if (measured.request().name().equals(ColdStartRequest.ride().name())) {
                coldMedian(Variant.WILD_RYDES_NODE, null)
                        .ifPresent(node -> verdicts.add(String.format(
                                Locale.ROOT,
                                "<= the original's %.0f ms: %s",
                                node,
                                median <= node ? "met" : "MISSED")));
            }
            return String.join("; ", verdicts);
        }
        if (!measured.variant().name().equals(Variant.DAGGER)) {
            return "";
        }
        boolean hello =
                measured.request().name().equals(ColdStartRequest.hello().name());
        double limit = hello ? HELLO_TARGET : STORE_TARGET;
        List<String> verdicts = new ArrayList<>();
        if (!Double.isNaN(floor)) {
            verdicts.add(String.format(
                    Locale.ROOT, "<= %.1fx floor: %s", limit, median / floor <= limit ? "met" : "MISSED"));
        }
        coldMedian(Variant.MICRONAUT, measured.request())
                .ifPresent(micronaut -> verdicts.add(String.format(
                        Locale.ROOT,
                        "%.1fx faster than Micronaut: %s",
                        micronaut / median,
                        micronaut / median >= MICRONAUT_SPEEDUP_TARGET ? "met" : "MISSED")));
        return String.join("; ", verdicts);
    }

    private Optional<Double> cpuMedian(String variant) {
        return samples.entrySet().stream()
                .filter(entry -> entry.getKey().variant().name().equals(variant) && !failed(entry.getKey()))
                .map(entry -> percentile(entry.getValue().cpu, 50))
                .findFirst();
    }

    private Optional<Double> coldMedian(String variant, ColdStartRequest request) {
        return samples.entrySet().stream()
                .filter(entry -> entry.getKey().variant().name().equals(variant) && !failed(entry.getKey()))
                .filter(entry -> request == null
                        || !entry.getKey().variant().perRequest()
                        || entry.getKey().request().name().equals(request.name()))
                .map(entry -> percentile(entry.getValue().cold, 50))
                .findFirst();
    }

    String csv() {
        StringBuilder out = new StringBuilder("variant,request,kind,index,millis\n");
        samples.forEach((measured, these) -> {
            String prefix = measured.variant().name() + ","
                    + (measured.variant().perRequest() ? measured.request().name() : "-");
            for (int i = 0; i < these.cold.size(); i++) {
                out.append(String.format(
                        Locale.ROOT,
                        "%s,cold,%d,%.3f%n%s,init,%d,%.3f%n%s,cpu,%d,%.3f%n%s,init-cpu,%d,%.3f%n%s,restore,%d,%.3f%n",
                        prefix,
                        i,
                        these.cold.get(i),
                        prefix,
                        i,
                        these.init.get(i),
                        prefix,
                        i,
                        these.cpu.get(i),
                        prefix,
                        i,
                        these.initCpu.get(i),
                        prefix,
                        i,
                        these.restore.get(i)));
            }
            for (int i = 0; i < these.warm.size(); i++) {
                out.append(String.format(Locale.ROOT, "%s,warm,%d,%.3f%n", prefix, i, these.warm.get(i)));
            }
        });
        return out.toString();
    }

    /** Nearest-rank percentile; the median of an even count is the mean of the middle two. */
    static double percentile(List<Double> values, int percent) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        if (percent == 50) {
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
