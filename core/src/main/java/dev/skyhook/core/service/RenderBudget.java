package dev.skyhook.core.service;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.policy.RenderLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The bounded pool every image decode runs on. A request waits at most {@link RenderLimits#queueWait()}
 * for one of {@link RenderLimits#permits()} permits (then 503 with {@code Retry-After}); the work runs
 * on the pool's own threads while the request waits for it until the deadline. When the deadline
 * passes or the waiting thread is interrupted, the work's thread is interrupted and its
 * {@link Deadline} reads as reached, so a decode stops between rows. A permit is given back only
 * when the work has really ended, so an abandoned render still counts against the pool until it
 * stops: the memory bound holds even for requests that were already answered.
 */
public final class RenderBudget implements AutoCloseable {
    private final RenderLimits limits;
    private final Semaphore permits;
    private final ExecutorService threads;

    public RenderBudget(RenderLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.permits = new Semaphore(limits.permits(), true);
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(limits.permits(), work -> {
            Thread thread = new Thread(work, "image-render-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public RenderLimits limits() {
        return limits;
    }

    /** Renders that hold a permit now (running, or stopping after their request gave up). */
    public int busy() {
        return limits.permits() - permits.availablePermits();
    }

    /** Runs {@code work} on the pool, within the wait and the deadline, and returns its result. */
    public <T> T run(Function<Deadline, T> work) {
        try {
            if (!permits.tryAcquire(limits.queueWait().toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy("Too many images are being rendered; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy("The request was cancelled while waiting to render");
        }
        Deadline deadline = Deadline.after(limits.deadline());
        AtomicBoolean claimed = new AtomicBoolean(); // by the work when it starts, or by a cancel that comes first
        Future<T> result;
        try {
            result = threads.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null; // cancelled before it started: the canceller gave the permit back
                }
                try {
                    return work.apply(deadline);
                } finally {
                    permits.release();
                }
            });
        } catch (RejectedExecutionException e) {
            permits.release();
            throw busy("The image renderer is shutting down");
        }
        try {
            return result.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel(result, claimed);
            throw busy("The image took longer than " + seconds(limits.deadline()) + " s to render; try again later");
        } catch (InterruptedException e) {
            cancel(result, claimed);
            Thread.currentThread().interrupt();
            throw busy("The request was cancelled while the image was rendering");
        } catch (CancellationException e) {
            throw busy("The render was cancelled");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DomainException domain
                    && domain.code() == dev.skyhook.core.error.ErrorCode.NO_CAPACITY
                    && domain.retryAfter().isEmpty()) {
                throw busy(domain.getMessage()); // the work saw its deadline first
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    private void cancel(Future<?> result, AtomicBoolean claimed) {
        result.cancel(true);
        if (claimed.compareAndSet(false, true)) {
            permits.release();
        }
    }

    private DomainException busy(String message) {
        return DomainException.noCapacity(message, retryAfter());
    }

    /** The wait, rounded up to whole seconds (at least one): by then a permit has likely come free. */
    private Duration retryAfter() {
        return Duration.ofSeconds(Math.max(1, (limits.queueWait().toMillis() + 999) / 1000));
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
