package dev.baton.tool;

import dev.baton.llm.ToolCall;

/**
 * Runs one tool call the way every face and the loop must: look the tool up, validate the
 * arguments against its schema, apply the permission policy (asking the approver when it says
 * so), run it in the sandbox under its time limit and output cap, audit it, tell the listener.
 * Never throws for a tool's failure: every ending is a {@link ToolResult} the model can read.
 */
public interface ToolInvoker {

    /** Runs {@code call} in {@code context}. */
    Invocation invoke(ToolCall call, ToolContext context);

    /** The result the model sees and the record of the call. */
    record Invocation(ToolResult result, ToolCallRecord record) {
    }
}
