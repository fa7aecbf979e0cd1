package dev.baton.ensemble.agent.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One started script and everything it starts (see {@link ProcessTree#members}). {@link #close()}
 * ends them all, SIGTERM first and SIGKILL after {@link #GRACE}, and drops the script's record;
 * it is called when the agent ends for any reason (the script exited, timed out or was
 * cancelled), so background children ({@code &}, {@code nohup}, {@code setsid}) never outlive
 * their agent. Thread-safe; closing twice is harmless.
 */
public final class ScriptGroup implements AutoCloseable {

    /** How long a process has between SIGTERM and SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private final Process process;
    private final String id;
    private final ScriptLeftovers leftovers;
    private final Instant started;
    // close() may come from the agent's thread and from an abort hook at once: one does the work,
    // the other waits for it, so neither returns while processes are still being ended
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    ScriptGroup(Process process, String id, ScriptLeftovers leftovers) {
        this.process = process;
        this.id = id;
        this.leftovers = leftovers;
        this.started = process.toHandle().info().startInstant().orElse(null);
    }

    public Process process() {
        return process;
    }

    /** The script's {@code BATON_SCRIPT_ID}. */
    String id() {
        return id;
    }

    long pid() {
        return process.pid();
    }

    /** When the script started, as the OS reports it (used to tell a reused pid apart); null if unknown. */
    Instant started() {
        return started;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            ProcessTree.terminate(process.toHandle(), id, GRACE);
            closed = true;
            if (leftovers != null) leftovers.remove(id);
        } finally {
            lock.unlock();
        }
    }
}
