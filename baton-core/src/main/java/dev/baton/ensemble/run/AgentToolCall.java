package dev.baton.ensemble.run;

import dev.baton.tool.ToolCallRecord;

import java.util.Objects;

/**
 * One tool call an LLM agent's tool loop made: the round of tool calls it belonged to (from 1:
 * the calls the model's first answer asked for) and the call's record (tool, arguments with
 * secrets redacted, start, duration, outcome, output size, who decided).
 */
public record AgentToolCall(int round, ToolCallRecord call) {

    public AgentToolCall {
        if (round < 1) throw new IllegalArgumentException("round must be at least 1, got " + round);
        Objects.requireNonNull(call, "call");
    }
}
