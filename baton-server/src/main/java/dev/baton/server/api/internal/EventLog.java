package dev.baton.server.api.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The events of one run, in order, each with its id (1, 2, 3, ...: its position), kept for as long
 * as the run is: a client reconnecting with {@code Last-Event-ID: N} reads exactly the events after
 * N. Closed after the last event ({@code run_completed}); readers blocked in {@link #after} wake on
 * each append, on close and on {@link #wake()}. Each event also goes to the log's {@link Sink}
 * (the store), under the same lock that numbers it, so the sink sees events in id order.
 * Thread-safe.
 */
public final class EventLog {

    /** Where each event goes besides memory (the store's copy of the log). */
    @FunctionalInterface
    public interface Sink {
        /** Called under the log's lock: queue, do not write (it blocks only while the store's write queue is full). */
        void appended(Event event);

        Sink NONE = e -> { };
    }

    /** One event: its id, SSE event name and JSON text. */
    public record Event(long id, String type, String data) {
    }

    /** What a read found: the events after the id asked for (maybe none) and whether more can come. */
    public record Read(List<Event> events, boolean closed) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Event> events = new ArrayList<>();
    private boolean closed;
    private final Sink sink;

    public EventLog(Sink sink) {
        this.sink = sink;
    }

    public EventLog() {
        this(Sink.NONE);
    }

    /** Appends an event unless the log is closed; returns its id (0 when closed). */
    public long append(String type, String data) {
        lock.lock();
        try {
            if (closed) return 0;
            Event e = new Event(events.size() + 1L, type, data);
            events.add(e);
            sink.appended(e);
            changed.signalAll();
            return e.id();
        } finally {
            lock.unlock();
        }
    }

    /** Appends the last event and closes the log. */
    public void appendLast(String type, String data) {
        lock.lock();
        try {
            append(type, data);
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every reader waiting in {@link #after} (the server is stopping). */
    public void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean closed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    public long lastId() {
        lock.lock();
        try {
            return events.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The events after id {@code lastSeen}; when there are none and the log is open, waits up to
     * {@code wait} for one, or until {@code stop} is true and {@link #wake()} is called.
     */
    public Read after(long lastSeen, Duration wait, BooleanSupplier stop) throws InterruptedException {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            // stop is read under the lock that wake() signals under: a wake-up cannot slip in between
            while (events.size() <= lastSeen && !closed && nanos > 0 && !stop.getAsBoolean()) {
                long before = System.nanoTime();
                if (!changed.await(nanos, TimeUnit.NANOSECONDS)) break;
                nanos -= System.nanoTime() - before;
                if (events.size() <= lastSeen) break; // woken without a new event: let the reader look around
            }
            int from = (int) Math.min(Math.max(lastSeen, 0), events.size());
            return new Read(List.copyOf(events.subList(from, events.size())), closed);
        } finally {
            lock.unlock();
        }
    }
}
