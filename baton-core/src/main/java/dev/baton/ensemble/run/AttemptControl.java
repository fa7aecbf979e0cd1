package dev.baton.ensemble.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops one running attempt from outside: runners register abort hooks (a script agent kills its
 * process tree) and may offer diagnostics (stderr tail) for the timeout message.
 */
public final class AttemptControl {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptControl.class);

    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean aborted = new AtomicBoolean();
    private volatile Supplier<String> diagnostics = () -> "";

    /** Runs {@code hook} on abort (at once if already aborted). */
    public void onAbort(Runnable hook) {
        hooks.add(hook);
        if (aborted.get() && hooks.remove(hook)) runSafely(hook);
    }

    public void diagnostics(Supplier<String> supplier) {
        this.diagnostics = supplier;
    }

    public String diagnostics() {
        try {
            return diagnostics.get();
        } catch (RuntimeException e) {
            return "";
        }
    }

    public boolean aborted() {
        return aborted.get();
    }

    public void abort() {
        if (!aborted.compareAndSet(false, true)) return;
        for (Runnable hook : hooks) {
            if (hooks.remove(hook)) runSafely(hook);
        }
    }

    private static void runSafely(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            LOG.warn("abort hook failed: {}", e.toString());
        }
    }
}
