package dev.baton.llm;

import java.util.List;

/**
 * One piece of a streamed answer. Text and reasoning arrive as deltas; tool calls arrive whole,
 * once their streamed arguments are complete. The last chunk of a stream carries the finish
 * reason and the final usage.
 */
public record ChatChunk(String textDelta, String reasoningDelta, List<ToolCall> toolCalls,
                        FinishReason finishReason, Usage usage) {

    public ChatChunk {
        textDelta = textDelta == null ? "" : textDelta;
        reasoningDelta = reasoningDelta == null ? "" : reasoningDelta;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public static ChatChunk text(String delta) {
        return new ChatChunk(delta, null, List.of(), null, null);
    }

    public static ChatChunk reasoning(String delta) {
        return new ChatChunk(null, delta, List.of(), null, null);
    }

    public static ChatChunk toolCalls(List<ToolCall> calls) {
        return new ChatChunk(null, null, calls, null, null);
    }

    public static ChatChunk finish(FinishReason reason, Usage usage) {
        return new ChatChunk(null, null, List.of(), reason, usage);
    }

    public boolean isLast() {
        return finishReason != null;
    }
}
