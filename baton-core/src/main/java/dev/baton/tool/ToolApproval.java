package dev.baton.tool;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One tool call waiting for (or past) a person's decision: its id, the run it belongs to and that
 * run's owner (an API key id; null when nobody in particular), the agent, the tool, its category,
 * its arguments with secrets redacted (JSON text, as the audit log keeps them), why it needs
 * approval, when it was asked and by when it must be decided; then its status and, once decided,
 * the decision and when it was made.
 */
public record ToolApproval(String id, String runId, @Nullable String owner, String agent, String tool,
                           ToolCategory category, String arguments, String why, Instant createdAt, Instant expiresAt,
                           Status status, Approver.@Nullable Decision decision, @Nullable Instant decidedAt) {

    /** Where an approval stands. */
    public enum Status {
        /** Waiting for a decision. */
        PENDING,
        /** A person allowed the call. */
        APPROVED,
        /** A person denied the call. */
        DENIED,
        /** Nobody decided before {@link #expiresAt()}: denied. */
        TIMED_OUT,
        /** The run stopped waiting (it was cancelled): denied. */
        CANCELLED;

        /** The lower-case name used in JSON. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ToolApproval {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        if ((status == Status.PENDING) != (decision == null)) {
            throw new IllegalArgumentException("a pending approval has no decision and a decided one has one");
        }
    }

    public boolean pending() {
        return status == Status.PENDING;
    }

    /** This approval decided as {@code d} ({@code status} says how) at {@code at}. */
    public ToolApproval decided(Status status, Approver.Decision d, Instant at) {
        return new ToolApproval(id, runId, owner, agent, tool, category, arguments, why, createdAt, expiresAt, status, d, at);
    }
}
