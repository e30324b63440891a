package dev.skyhook.benchmarks.coldstart;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * One way of answering the benchmark's requests, run as Lambda runs a function: the task root holds
 * the deployed code (unpacked, as Lambda unpacks a zip or jar into {@code /var/task}), the handler is
 * the function's {@code Handler} setting.
 *
 * @param name how the report and {@code --variants} name it
 * @param taskRoot the unpacked deployment package
 * @param handler the handler for a request; the floor answers every request with one constant
 * @param perRequest whether each request gets its own cold start (the floor and the bare JVM do not depend on the request)
 * @param environment variables this variant needs beyond the backends' and Lambda's own
 */
record Variant(String name, String description, Path taskRoot, Function<ColdStartRequest, String> handler,
               boolean perRequest, Map<String, String> environment) {
    static final String DAGGER = "dagger";
    static final String DAGGER_ALL_ROUTES = "dagger-api";
    static final String MICRONAUT = "micronaut";
    static final String FLOOR = "floor";
    static final String BARE_JVM = "bare";

    boolean isBareJvm() {
        return name.equals(BARE_JVM);
    }
}
