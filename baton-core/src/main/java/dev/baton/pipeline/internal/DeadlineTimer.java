package dev.baton.pipeline.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Fires actions at call deadlines on one daemon platform thread: interrupting a blocked caller or
 * closing a stream. One per pipeline, or one shared by the pipelines of one owner;
 * {@link #close()} stops it.
 * <p>
 * Almost every alarm is disarmed long before it is due, so arming and disarming are kept off any
 * lock: arming appends to a lock-free queue and wakes the timer thread only when the new alarm is
 * due before the thread's next wake-up; disarming is one compare-and-set. The timer thread alone
 * owns the heap of pending alarms; disarmed ones are dropped when they reach its head, or in bulk
 * once {@value #COMPACT_EVERY} have accumulated, so memory stays bounded at any call rate.
 */
public final class DeadlineTimer implements AutoCloseable {

    /** Disarmed alarms after which the timer thread sweeps them out of its heap. */
    static final int COMPACT_EVERY = 4096;

    private static final Duration MAX_DELAY = Duration.ofNanos(Long.MAX_VALUE >> 2);

    private final Clock clock;
    private final ConcurrentLinkedQueue<Alarm> incoming = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Alarm> heap = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
    private final AtomicInteger disarmedSinceSweep = new AtomicInteger();
    private final Thread thread;
    /** System.nanoTime() at which the timer thread will next wake by itself; Long.MAX_VALUE when idle. */
    private volatile long wakeAt = Long.MAX_VALUE;
    private volatile boolean closed;

    public DeadlineTimer(Clock clock) {
        this(clock, "baton-deadlines");
    }

    /** A timer whose thread is named {@code threadName}. */
    public DeadlineTimer(Clock clock, String threadName) {
        this.clock = clock;
        this.thread = Thread.ofPlatform().daemon().name(threadName).unstarted(this::loop);
        thread.start();
    }

    /** Interrupts the calling thread at {@code deadline} unless disarmed first. */
    public Alarm interruptCallerAt(Instant deadline) {
        Thread caller = Thread.currentThread();
        return schedule(deadline, caller::interrupt, true);
    }

    /** Runs {@code action} at {@code deadline} unless disarmed first. */
    Alarm runAt(Instant deadline, Runnable action) {
        return schedule(deadline, action, false);
    }

    /**
     * Runs {@code action} on the timer thread once {@link System#nanoTime()} reaches
     * {@code dueNanos}, unless cancelled first. The action must be short: it holds up every later alarm.
     */
    public Alarm runAtNanos(long dueNanos, Runnable action) {
        return enqueue(new Alarm(this, action, false, dueNanos));
    }

    private Alarm schedule(Instant deadline, Runnable action, boolean clearsInterrupt) {
        long delay = delayNanos(Duration.between(clock.instant(), deadline));
        return enqueue(new Alarm(this, action, clearsInterrupt, System.nanoTime() + delay));
    }

    private Alarm enqueue(Alarm alarm) {
        incoming.add(alarm);
        // Pairs with loop(): it publishes wakeAt and then looks at incoming, so either it sees
        // this alarm or this sees the wake-up it is sleeping towards.
        long sleepingTowards = wakeAt;
        if (sleepingTowards == Long.MAX_VALUE || alarm.due - sleepingTowards < 0) LockSupport.unpark(thread);
        return alarm;
    }

    /** Non-negative, and at most about 36 years so that adding it to System.nanoTime() cannot overflow. */
    private static long delayNanos(Duration d) {
        if (d.isNegative()) return 0;
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY.toNanos() : d.toNanos();
    }

    private void disarmed() {
        if (disarmedSinceSweep.incrementAndGet() == COMPACT_EVERY) LockSupport.unpark(thread);
    }

    private void loop() {
        while (!closed) {
            for (Alarm a; (a = incoming.poll()) != null; ) heap.add(a);
            if (disarmedSinceSweep.get() >= COMPACT_EVERY) {
                disarmedSinceSweep.set(0);
                heap.removeIf(a -> !a.armed());
            }
            long now = System.nanoTime();
            Alarm head;
            while ((head = heap.peek()) != null && (!head.armed() || head.due - now <= 0)) {
                heap.poll();
                head.run();
            }
            wakeAt = head == null ? Long.MAX_VALUE : head.due;
            if (!incoming.isEmpty() || closed) continue;
            if (head == null) LockSupport.park(this);
            else LockSupport.parkNanos(this, head.due - now);
        }
    }

    /**
     * Stops the timer thread and waits (briefly) until it has ended, so that nothing of a closed
     * owner is left running. Pending alarms never fire.
     */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        if (Thread.currentThread() == thread) return;
        try {
            // The loop ends within one iteration once unparked; the bound only guards a stuck action.
            thread.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One armed action. Firing and disarming race through one state word so an interrupt is
     * either never sent or, if sent, cleared by {@link #disarm()} before the caller goes on.
     */
    public static final class Alarm implements Runnable {
        private static final int ARMED = 0;
        private static final int FIRING = 1;
        private static final int FIRED = 2;
        private static final int DISARMED = 3;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Alarm.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final DeadlineTimer timer;
        private final boolean clearsInterrupt;
        private final long due;
        private volatile int state = ARMED;
        /** Dropped on disarm, so a disarmed alarm waiting in the heap holds no caller thread. */
        private Runnable action;

        private Alarm(DeadlineTimer timer, Runnable action, boolean clearsInterrupt, long due) {
            this.timer = timer;
            this.action = action;
            this.clearsInterrupt = clearsInterrupt;
            this.due = due;
        }

        private boolean armed() {
            return state == ARMED;
        }

        @Override
        public void run() {
            if (!STATE.compareAndSet(this, ARMED, FIRING)) return;
            try {
                action.run();
            } finally {
                state = FIRED;
            }
        }

        /**
         * Stops the alarm from any thread, leaving every thread's interrupt status alone; false if
         * it had fired (or was firing) already. The armed thread still calls {@link #disarm()},
         * which then answers false.
         */
        public boolean cancel() {
            if (!STATE.compareAndSet(this, ARMED, DISARMED)) return false;
            action = null;
            timer.disarmed();
            return true;
        }

        /** True once the alarm has fired (or is firing). */
        boolean fired() {
            int s = state;
            return s == FIRING || s == FIRED;
        }

        /**
         * Stops the alarm; returns true if it had already fired. An interrupt it sent to the
         * calling thread is cleared, so it cannot leak into the caller's later work.
         */
        public boolean disarm() {
            if (STATE.compareAndSet(this, ARMED, DISARMED)) {
                action = null;
                timer.disarmed();
                return false;
            }
            if (state == DISARMED) return false;
            while (state == FIRING) Thread.onSpinWait();
            if (clearsInterrupt) Thread.interrupted();
            return true;
        }
    }
}
