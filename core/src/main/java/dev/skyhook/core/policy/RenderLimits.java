package dev.skyhook.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * How much image work runs at once and for how long.
 *
 * @param permits renders (and upload checks, which decode too) that run at the same time
 * @param queueWait how long a request waits for a permit before it is answered 503 with {@code Retry-After}
 * @param deadline how long one render may take before it is stopped (and its request answered 503)
 */
public record RenderLimits(int permits, Duration queueWait, Duration deadline) {
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    /** Heap kept for everything else the process does (requests, buffers, the framework). */
    public static final long RESERVED_HEAP_BYTES = 64L * 1024 * 1024;

    public RenderLimits {
        Objects.requireNonNull(queueWait, "queueWait");
        Objects.requireNonNull(deadline, "deadline");
        if (permits < 1 || queueWait.isNegative() || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException(
                    "render limits need at least one permit, a wait of 0 or more and a positive deadline");
        }
    }

    /**
     * As many permits as there are cores, but no more than the heap holds worst-case renders
     * (after {@value #RESERVED_HEAP_BYTES} bytes kept for the rest), and at least one: with less heap
     * than one worst-case render, renders run one at a time and only images near the limits can fail.
     */
    public static int permitsFor(int cores, long maxHeapBytes, long worstCaseRenderBytes) {
        long byHeap = Math.max(0, maxHeapBytes - RESERVED_HEAP_BYTES) / Math.max(1, worstCaseRenderBytes);
        return (int) Math.max(1, Math.min(cores, byHeap));
    }
}
