package dev.baton.server.api.internal;

import dev.baton.runs.RunEventLog;
import dev.baton.runs.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;

/**
 * Writes this replica's runs into the store: each event as it is appended (queued on the store's
 * batched writer, in id order) and each snapshot of a run's record. A failed store write is
 * logged, never thrown into the run: the replica running it keeps serving it from memory.
 */
public final class RunRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecorder.class);

    private final RunStore runs;
    private final RunEventLog events;
    private final String replica;

    public RunRecorder(RunStore runs, RunEventLog events, String replica) {
        this.runs = runs;
        this.events = events;
        this.replica = replica;
    }

    /** This server's name in run records: host name and process id. */
    public static String defaultReplica() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    String replica() {
        return replica;
    }

    RunStore runs() {
        return runs;
    }

    RunEventLog events() {
        return events;
    }

    /** Queues event {@code e} of run {@code runId}. */
    void event(String runId, EventLog.Event e) {
        try {
            events.append(runId, e.id(), e.type(), e.data());
        } catch (RuntimeException ex) {
            LOG.warn("event {} of run {} was not stored: {}", e.id(), runId, ex.toString());
        }
    }

    /** Queues a snapshot of {@code run}. */
    void save(ApiRun run) {
        try {
            runs.save(run.record());
        } catch (RuntimeException ex) {
            LOG.warn("run {} was not stored: {}", run.id(), ex.toString());
        }
    }

    /** Writes a snapshot of {@code run} and waits until other replicas can read it. */
    void saveNow(ApiRun run) {
        runs.saveNow(run.record());
    }
}
