package dev.baton.tool;

import dev.baton.llm.ToolCall;

/** Sees tool calls start and finish: the CLI's live view, SSE, MCP progress, run results. */
public interface ToolListener {

    /** Ignores everything. */
    ToolListener NONE = new ToolListener() { };

    /** {@code call} was requested by the model and is about to be checked and run. */
    default void toolCallStarted(ToolContext context, ToolCall call) {
    }

    /** {@code call} ended as {@code record} says. */
    default void toolCallFinished(ToolContext context, ToolCallRecord record) {
    }
}
