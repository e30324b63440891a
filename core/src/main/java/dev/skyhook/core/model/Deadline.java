package dev.skyhook.core.model;

import java.time.Duration;

/**
 * When a piece of work must stop: its time is up, or the thread doing it was interrupted because
 * its caller gave up (the client went away, or stopped waiting). Work that can stop part-way (an
 * image decode between rows) asks {@link #reached()} as it goes.
 */
public final class Deadline {
    private final long endNanos;
    private final Duration budget;

    private Deadline(long endNanos, Duration budget) {
        this.endNanos = endNanos;
        this.budget = budget;
    }

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    /** For work that is not bounded by this means (tests, one-off tools): only an interrupt stops it. */
    public static Deadline none() {
        return new Deadline(Long.MAX_VALUE, Duration.ofNanos(Long.MAX_VALUE));
    }

    /** True once the time is up or the current thread is interrupted. */
    public boolean reached() {
        return Thread.currentThread().isInterrupted()
                || (budget.toNanos() != Long.MAX_VALUE && System.nanoTime() - endNanos >= 0);
    }

    /** What time is left, never negative. */
    public Duration remaining() {
        if (budget.toNanos() == Long.MAX_VALUE) {
            return budget;
        }
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** The time the work was given in all. */
    public Duration budget() {
        return budget;
    }
}
