package dev.skyhook.adapters.local.image;

import dev.skyhook.core.model.Deadline;
import java.lang.foreign.MemorySegment;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops libvips computations whose deadline passed or whose thread was interrupted. Native code does
 * not see Java interrupts, so one daemon thread looks at the running renders every
 * {@value #CHECK_MILLIS} ms and sets libvips' kill flag on the image being computed; libvips then
 * fails the computation at its next tile. The thread sleeps while no render runs.
 */
final class NativeRenderStopper {
    private static final long CHECK_MILLIS = 5;

    private final Libvips vips;
    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private final Thread watcher;

    NativeRenderStopper(Libvips vips) {
        this.vips = vips;
        this.watcher = Thread.ofPlatform().daemon().name("libvips-deadlines").unstarted(this::watch);
        watcher.start();
    }

    /** Watches the computation of {@code image} by the current thread until the returned watch is closed. */
    Watch watch(MemorySegment image, Deadline deadline) {
        Watch watch = new Watch(image, deadline, Thread.currentThread());
        running.add(watch);
        LockSupport.unpark(watcher);
        return watch;
    }

    private void watch() {
        while (true) {
            if (running.isEmpty()) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, CHECK_MILLIS * 1_000_000);
            }
            for (Watch watch : running) {
                watch.stopIfDue();
            }
        }
    }

    final class Watch implements AutoCloseable {
        private final MemorySegment image;
        private final Deadline deadline;
        private final Thread thread;
        private boolean closed;
        private volatile boolean killed;

        private Watch(MemorySegment image, Deadline deadline, Thread thread) {
            this.image = image;
            this.deadline = deadline;
            this.thread = thread;
        }

        /** Whether the computation was told to stop (so its failure is the deadline's, not the image's). */
        boolean killed() {
            return killed;
        }

        private synchronized void stopIfDue() {
            // Deadline.reached() reads the current thread's interrupt: here that is the watcher's, so ask the render's
            // thread.
            if (!closed
                    && !killed
                    && (thread.isInterrupted() || deadline.remaining().isZero())) {
                killed = true;
                vips.kill(image);
            }
        }

        /** Before the image is given back: the watcher never touches it after this. */
        @Override
        public synchronized void close() {
            closed = true;
            running.remove(this);
        }
    }
}
