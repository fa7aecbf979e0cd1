package dev.baton.task.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A task a worker runs right now, and how to stop it: the run's own cancel handle (an ensemble
 * run's {@code RunHandle.cancel}) or, for blocking calls, interrupting the thread that runs it.
 * Why it was stopped decides what happens next: a client's cancel ends the task, a worker that
 * shuts down hands it back to the queue.
 */
final class RunningTask {

    enum Stop { NONE, CANCEL, HAND_BACK }

    private final String id;
    private final Thread thread;
    private final AtomicReference<Stop> stop = new AtomicReference<>(Stop.NONE);
    private volatile Runnable cancelRun;

    RunningTask(String id, Thread thread) {
        this.id = id;
        this.thread = thread;
    }

    String id() {
        return id;
    }

    /** The way to stop the run once it has started; a stop asked for before then is applied at once. */
    void onStop(Runnable cancel) {
        this.cancelRun = cancel;
        if (stop.get() != Stop.NONE) cancel.run();
    }

    Stop stopReason() {
        return stop.get();
    }

    /** Stops the run for {@code why}; the first reason wins. */
    void stop(Stop why) {
        if (!stop.compareAndSet(Stop.NONE, why)) return;
        Runnable c = cancelRun;
        if (c != null) c.run();
        else thread.interrupt();
    }
}
