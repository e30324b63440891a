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
 * @param applicationClassData whether the JVM maps an application class-data archive, trained on the same request
 * @param snapStart whether cold starts are restores of one checkpoint taken at the end of init (emulated SnapStart)
 */
record Variant(
        String name,
        String description,
        Path taskRoot,
        Function<ColdStartRequest, String> handler,
        boolean perRequest,
        Map<String, String> environment,
        boolean applicationClassData,
        boolean snapStart) {
    static final String DAGGER = "dagger";
    static final String DAGGER_ALL_ROUTES = "dagger-api";
    static final String MICRONAUT = "micronaut";
    static final String DAGGER_CLASS_DATA = "dagger-cds";
    static final String FLOOR = "floor";
    static final String FLOOR_CLASS_DATA = "floor-cds";
    static final String BARE_JVM = "bare";
    static final String DAGGER_SNAP_START = "dagger-snap";
    static final String DAGGER_SNAP_START_BASELINE = "dagger-snap-base";
    static final String FLOOR_SNAP_START = "floor-snap";
    static final String DAGGER_SNAP_START_LAZY = "dagger-snap-lazy";
    static final String FLOOR_SNAP_START_LAZY = "floor-snap-lazy";
    static final String WILD_RYDES_NODE = "wildrydes-node";

    boolean isFloor() {
        return name.equals(FLOOR)
                || name.equals(FLOOR_CLASS_DATA)
                || name.equals(FLOOR_SNAP_START)
                || name.equals(FLOOR_SNAP_START_LAZY);
    }

    /**
     * Whether its restores resume the process before its memory is copied, each page copied when first
     * touched (as a microVM snapshot is loaded on access) rather than every page first.
     */
    boolean lazyRestore() {
        return name.equals(DAGGER_SNAP_START_LAZY) || name.equals(FLOOR_SNAP_START_LAZY);
    }

    /** The floor this variant's cold starts are compared with: the restored floor restored the same way for restores. */
    String floor() {
        if (!snapStart) {
            return FLOOR;
        }
        return lazyRestore() ? FLOOR_SNAP_START_LAZY : FLOOR_SNAP_START;
    }

    boolean isNode() {
        return name.equals(WILD_RYDES_NODE);
    }

    boolean isBareJvm() {
        return name.equals(BARE_JVM);
    }
}
