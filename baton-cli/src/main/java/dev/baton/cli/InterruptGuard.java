package dev.baton.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, SIGTERM: the JVM's shutdown) into an interrupt of the thread running a
 * command, then holds the shutdown back until the command has finished its clean-up (the run
 * cancelled and its artifacts written) or a grace period has passed. The engine treats the
 * interrupt of a thread waiting for a run as cancellation. {@link #close()} removes the hook.
 */
final class InterruptGuard implements AutoCloseable {

    static final Duration GRACE = Duration.ofSeconds(5);

    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean triggered;

    private InterruptGuard(Thread worker, Duration grace) {
        this.hook = new Thread(() -> {
            triggered = true;
            worker.interrupt();
            try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "baton-interrupt");
    }

    /** Guards the current thread. */
    static InterruptGuard install() {
        InterruptGuard guard = new InterruptGuard(Thread.currentThread(), GRACE);
        try {
            Runtime.getRuntime().addShutdownHook(guard.hook);
        } catch (IllegalStateException shuttingDown) {
            guard.triggered = true;
        }
        return guard;
    }

    /** Whether the JVM is shutting down because of a signal. */
    boolean triggered() {
        return triggered;
    }

    @Override
    public void close() {
        done.countDown();
        if (triggered) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; it only waits for the latch released above
        }
    }
}
