package dev.baton.runs;

import java.util.List;
import java.util.function.Consumer;

/**
 * The events of REST runs in the store, numbered 1, 2, 3, ... per run, so a client reconnecting
 * to any replica with {@code Last-Event-ID: N} reads exactly the events after N. Thread-safe.
 */
public interface RunEventLog {

    /** Queues event {@code id} of run {@code runId}; returns at once. Ids of one run are appended in order. */
    void append(String runId, long id, String type, String data);

    /** Up to {@code limit} events of {@code runId} after id {@code after}, in order. */
    List<StoredEvent> after(String runId, long after, int limit);

    /**
     * Calls {@code onAppended} with a run's id each time events of it were committed by any
     * replica, until the returned handle is closed. Only where the store can tell other
     * processes ({@link #notifiesReplicas()}); elsewhere the handle does nothing and readers poll.
     */
    AutoCloseable listen(Consumer<String> onAppended);

    /** Whether {@link #listen} hears other replicas' events (PostgreSQL {@code LISTEN/NOTIFY}). */
    boolean notifiesReplicas();
}
