package dev.baton.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fires actions at call deadlines on one daemon platform thread: interrupting a blocked caller or
 * closing a stream. One per pipeline; {@link #close()} stops it. Arming and disarming an alarm
 * costs a heap insertion and removal, so calls that end in time pay about a microsecond.
 */
public final class DeadlineTimer implements AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;
    private final Clock clock;

    public DeadlineTimer(Clock clock) {
        this.clock = clock;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "baton-deadlines");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Interrupts the calling thread at {@code deadline} unless disarmed first. */
    Alarm interruptCallerAt(Instant deadline) {
        Thread caller = Thread.currentThread();
        return schedule(deadline, caller::interrupt, true);
    }

    /** Runs {@code action} at {@code deadline} unless disarmed first. */
    Alarm runAt(Instant deadline, Runnable action) {
        return schedule(deadline, action, false);
    }

    private Alarm schedule(Instant deadline, Runnable action, boolean clearsInterrupt) {
        Alarm alarm = new Alarm(action, clearsInterrupt);
        long delay = Math.max(0, Duration.between(clock.instant(), deadline).toNanos());
        alarm.future = executor.schedule(alarm, delay, TimeUnit.NANOSECONDS);
        return alarm;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /**
     * One armed action. Firing and disarming race through one state word so an interrupt is
     * either never sent or, if sent, cleared by {@link #disarm()} before the caller goes on.
     */
    static final class Alarm implements Runnable {
        private static final int ARMED = 0;
        private static final int FIRING = 1;
        private static final int FIRED = 2;
        private static final int DISARMED = 3;

        private final AtomicInteger state = new AtomicInteger(ARMED);
        private final Runnable action;
        private final boolean clearsInterrupt;
        private volatile Future<?> future;

        private Alarm(Runnable action, boolean clearsInterrupt) {
            this.action = action;
            this.clearsInterrupt = clearsInterrupt;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(ARMED, FIRING)) return;
            try {
                action.run();
            } finally {
                state.set(FIRED);
            }
        }

        /** True once the alarm has fired (or is firing). */
        boolean fired() {
            int s = state.get();
            return s == FIRING || s == FIRED;
        }

        /**
         * Stops the alarm; returns true if it had already fired. An interrupt it sent to the
         * calling thread is cleared, so it cannot leak into the caller's later work.
         */
        boolean disarm() {
            if (state.compareAndSet(ARMED, DISARMED)) {
                Future<?> f = future;
                if (f != null) f.cancel(false);
                return false;
            }
            if (state.get() == DISARMED) return false;
            while (state.get() == FIRING) Thread.onSpinWait();
            if (clearsInterrupt) Thread.interrupted();
            return true;
        }
    }
}
