package dev.skyhook.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyhook.core.error.DomainException;
import dev.skyhook.core.error.ErrorCode;
import dev.skyhook.core.model.Deadline;
import dev.skyhook.core.policy.RenderLimits;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RenderBudgetTest {
    /** Work that runs until its deadline says stop, as a decode checking between rows does. */
    private static Boolean spinUntilStopped(Deadline deadline, CountDownLatch started, AtomicBoolean stopped) {
        started.countDown();
        while (!deadline.reached()) {
            Thread.onSpinWait();
        }
        stopped.set(true);
        throw new DomainException(ErrorCode.NO_CAPACITY, "stopped");
    }

    @Test
    void workPastItsDeadlineIsStoppedAndItsRequestAnsweredNoCapacity() throws Exception {
        try (RenderBudget budget = new RenderBudget(new RenderLimits(1, Duration.ZERO, Duration.ofMillis(200)))) {
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean stopped = new AtomicBoolean();

            assertThatThrownBy(() -> budget.run(deadline -> spinUntilStopped(deadline, started, stopped)))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NO_CAPACITY);
                        assertThat(e.retryAfter()).isPresent();
                    });
            awaitIdle(budget);
            assertThat(stopped).isTrue();
        }
    }

    @Test
    void aWaitingRequestThatIsInterruptedStopsItsWork() throws Exception {
        try (RenderBudget budget = new RenderBudget(new RenderLimits(1, Duration.ZERO, Duration.ofMinutes(5)))) {
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean stopped = new AtomicBoolean();
            AtomicReference<Throwable> answer = new AtomicReference<>();
            Thread request = new Thread(() -> {
                try {
                    budget.run(deadline -> spinUntilStopped(deadline, started, stopped));
                } catch (RuntimeException e) {
                    answer.set(e);
                }
            });
            request.start();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            request.interrupt(); // the client went away
            request.join(10_000);

            assertThat(answer.get()).isInstanceOf(DomainException.class);
            awaitIdle(budget);
            assertThat(stopped).isTrue();
        }
    }

    @Test
    void aPermitIsHeldUntilAbandonedWorkReallyEnds() throws Exception {
        try (RenderBudget budget = new RenderBudget(new RenderLimits(1, Duration.ZERO, Duration.ofMillis(100)))) {
            CountDownLatch finish = new CountDownLatch(1);
            // Work that ignores its deadline (a native decode phase that cannot be interrupted).
            assertThatThrownBy(() -> budget.run(deadline -> {
                        try {
                            finish.await();
                        } catch (InterruptedException e) {
                            // ignores the interrupt, as native code would, until told to finish
                            try {
                                finish.await();
                            } catch (InterruptedException again) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return 1;
                    }))
                    .isInstanceOf(DomainException.class);

            assertThat(budget.busy()).isEqualTo(1);
            assertThatThrownBy(() -> budget.run(deadline -> 2))
                    .isInstanceOfSatisfying(
                            DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_CAPACITY));
            finish.countDown();
            awaitIdle(budget);
            int third = budget.run(deadline -> 3);
            assertThat(third).isEqualTo(3);
        }
    }

    @Test
    void thePoolIsSizedByCoresAndByWorstCaseHeap() {
        long mib = 1024L * 1024;
        assertThat(RenderLimits.permitsFor(8, 4096 * mib, 500 * mib)).isEqualTo(8);
        assertThat(RenderLimits.permitsFor(8, 1064 * mib, 500 * mib)).isEqualTo(2);
        assertThat(RenderLimits.permitsFor(2, 512 * mib, 500 * mib)).isEqualTo(1);
        assertThat(RenderLimits.permitsFor(2, 64 * mib, 500 * mib)).isEqualTo(1);
    }

    private static void awaitIdle(RenderBudget budget) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.busy() > 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertThat(budget.busy()).isZero();
    }
}
