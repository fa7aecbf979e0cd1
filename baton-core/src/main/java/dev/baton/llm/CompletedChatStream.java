package dev.baton.llm;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A stream over an answer that is already complete: its text, tool calls and finish arrive as
 * at most three chunks. For servers that answer a streaming request with a whole body, and for
 * decorators that must hand back a stream after buffering.
 */
public final class CompletedChatStream extends AssemblingChatStream {

    private final Deque<ChatChunk> chunks = new ArrayDeque<>();

    public CompletedChatStream(ChatResponse response) {
        super(response.provider(), response.model());
        if (response.reasoning() != null && !response.reasoning().isEmpty()) {
            chunks.add(ChatChunk.reasoning(response.reasoning()));
        }
        if (!response.text().isEmpty()) chunks.add(ChatChunk.text(response.text()));
        if (response.hasToolCalls()) chunks.add(ChatChunk.toolCalls(response.toolCalls()));
        chunks.add(ChatChunk.finish(response.finishReason(), response.usage()));
        setResponseId(response.responseId());
    }

    @Override
    protected ChatChunk pull() {
        return chunks.poll();
    }

    @Override
    protected void release() {
        chunks.clear();
    }
}
