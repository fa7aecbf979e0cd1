package dev.baton.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an interrupt of the thread running a command; the
 * engine treats the interrupt of a thread waiting for a run as cancellation. The signals are
 * trapped, not left to the JVM's shutdown (which would end the process with 128+signal, 143 for
 * SIGTERM), so the command's own exit code, 130, is what the process exits with. If the command
 * has not finished its clean-up (the run cancelled and its artifacts written) {@link #GRACE}
 * after the signal, or a second signal arrives, the process halts with 130 at once. Other
 * shutdowns (SIGHUP, or where signals cannot be trapped) still interrupt the command through a
 * shutdown hook that waits up to the same grace. {@link #close()} restores the previous handlers.
 */
final class InterruptGuard implements AutoCloseable {

    static final Duration GRACE = Duration.ofSeconds(5);
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Thread worker;
    private final Duration grace;
    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean signalled = new AtomicBoolean();
    private final List<Runnable> restore = new ArrayList<>();
    private volatile boolean triggered;

    private InterruptGuard(Thread worker, Duration grace) {
        this.worker = worker;
        this.grace = grace;
        this.hook = new Thread(() -> {
            triggered = true;
            worker.interrupt();
            awaitDone();
        }, "baton-interrupt");
    }

    /** Guards the current thread. */
    static InterruptGuard install() {
        return install(GRACE);
    }

    /** Guards the current thread, giving its clean-up {@code grace} after a signal before halting. */
    static InterruptGuard install(Duration grace) {
        InterruptGuard guard = new InterruptGuard(Thread.currentThread(), grace);
        try {
            Runtime.getRuntime().addShutdownHook(guard.hook);
        } catch (IllegalStateException shuttingDown) {
            guard.triggered = true;
        }
        guard.trapSignals();
        return guard;
    }

    private void trapSignals() {
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> onSignal());
                restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // the signal cannot be trapped here (platform, or -Xrs): the shutdown hook still interrupts
            }
        }
    }

    private void onSignal() {
        if (!signalled.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }
        triggered = true;
        worker.interrupt();
        Thread.ofPlatform().daemon().name("baton-interrupt-grace").start(() -> {
            if (!awaitDone()) Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        });
    }

    private boolean awaitDone() {
        try {
            return done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether a signal or the JVM's shutdown interrupted the command. */
    boolean triggered() {
        return triggered;
    }

    @Override
    public void close() {
        done.countDown();
        restore.forEach(Runnable::run);
        if (triggered && !signalled.get()) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; it only waits for the latch released above
        }
    }
}
