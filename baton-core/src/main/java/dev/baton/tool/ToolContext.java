package dev.baton.tool;

import java.time.Instant;
import java.util.Objects;

/**
 * What one tool call runs in: the run and agent it serves (empty strings outside a run), the
 * sandbox every path and command goes through, and the instant by which the call must end.
 */
public record ToolContext(String runId, String agent, Sandbox sandbox, Instant deadline) {

    public ToolContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(deadline, "deadline");
    }
}
