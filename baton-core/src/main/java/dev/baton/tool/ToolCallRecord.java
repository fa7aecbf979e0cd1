package dev.baton.tool;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One tool call as recorded in run results, {@code execution.json}, events and the audit log:
 * the call id, the tool, its arguments with secrets redacted (JSON text), when it started, how
 * long it took, how it ended, the size of what it returned, whether that was truncated, and who
 * allowed or denied it ({@code policy}, {@code user}, {@code non-interactive}, ...).
 */
public record ToolCallRecord(String callId, String tool, String arguments, Instant started, Duration duration,
                             Outcome outcome, long outputBytes, boolean truncated, String decidedBy) {

    /** How a tool call ended. */
    public enum Outcome {
        /** The tool ran and returned a result. */
        OK,
        /** The tool ran and returned an error result, threw, or failed inside the sandbox. */
        ERROR,
        /** The permission policy or the approver refused the call. */
        DENIED,
        /** The arguments did not match the tool's schema; the tool did not run. */
        INVALID_ARGUMENTS,
        /** The call passed its time limit and was stopped. */
        TIMED_OUT,
        /** No tool of that name is available to the caller. */
        UNKNOWN_TOOL
    }

    public ToolCallRecord {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidedBy, "decidedBy");
    }
}
