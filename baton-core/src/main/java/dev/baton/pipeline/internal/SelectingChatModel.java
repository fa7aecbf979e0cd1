package dev.baton.pipeline.internal;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;

/**
 * A model that picks, per request, which model answers it (a route, an extended fallback chain):
 * {@link #chat} and {@link #stream} both go to {@link #select}'s choice, unchanged.
 */
public abstract class SelectingChatModel implements ChatModel {

    /** The model that answers {@code request}. */
    protected abstract ChatModel select(ChatRequest request);

    @Override
    public final ChatResponse chat(ChatRequest request) {
        return select(request).chat(request);
    }

    @Override
    public final ChatStream stream(ChatRequest request) {
        return select(request).stream(request);
    }
}
