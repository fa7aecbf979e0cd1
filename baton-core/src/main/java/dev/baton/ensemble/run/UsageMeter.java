package dev.baton.ensemble.run;

import dev.baton.llm.Usage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/** Sums one agent's usage (all attempts, fallbacks and instances) and forwards each report to the run. */
public final class UsageMeter {

    private final ReentrantLock lock = new ReentrantLock();
    private final BiConsumer<String, Usage> forward;
    private Usage total = Usage.ZERO;

    public UsageMeter(BiConsumer<String, Usage> forward) {
        this.forward = forward;
    }

    /** Records one call's usage; {@code model} labels it in the run's usage events. */
    public void record(String model, Usage usage) {
        if (usage == null) return;
        lock.lock();
        try {
            total = total.plus(usage);
        } finally {
            lock.unlock();
        }
        forward.accept(model, usage);
    }

    public Usage total() {
        lock.lock();
        try {
            return total;
        } finally {
            lock.unlock();
        }
    }
}
