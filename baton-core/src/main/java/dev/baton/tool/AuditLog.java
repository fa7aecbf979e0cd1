package dev.baton.tool;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * The record of every tool call: who asked (run, agent), which tool with which arguments (secrets
 * redacted), whether it was allowed and by whom, when it started and ended, how it ended and how
 * much it returned. Writes are queued (never block a tool call on the database); {@link #list}
 * sees every entry recorded before it was called. Thread-safe.
 */
public interface AuditLog extends AutoCloseable {

    /** Queues {@code entry} for storage. */
    void record(Entry entry);

    /** The entries {@code filter} selects, newest first. */
    java.util.List<Entry> list(Filter filter);

    /** Stores what is queued; the log stays usable. */
    default void flush() {
    }

    @Override
    default void close() {
    }

    /**
     * One audited call. {@code decision} is {@code allowed} or {@code denied} ({@code none} when the
     * call ended before a decision: unknown tool, invalid arguments); {@code decidedBy} says who
     * decided ({@code policy}, {@code user}, {@code non-interactive}, ...).
     */
    record Entry(String runId, String agent, String tool, String arguments, String decision, String decidedBy,
                 Instant started, Instant ended, ToolCallRecord.Outcome outcome, long outputBytes, boolean truncated) {
        public Entry {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(arguments, "arguments");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(decidedBy, "decidedBy");
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(ended, "ended");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Which entries to list: by run, by tool (name or glob), since an instant; at most {@code limit}. */
    record Filter(@Nullable String runId, @Nullable String tool, @Nullable Instant since, int limit) {
        public static final Filter ALL = new Filter(null, null, null, 1000);

        public Filter {
            if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        }
    }

    /** A log that keeps nothing (library use without a database). */
    AuditLog NONE = new AuditLog() {
        @Override
        public void record(Entry entry) {
        }

        @Override
        public java.util.List<Entry> list(Filter filter) {
            return java.util.List.of();
        }
    };
}
