package dev.baton.ensemble.agent.internal;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The model of an agent's tool loop, seen from the agent: counts the rounds (the tool calls after
 * the n-th answer belong to round n) and reports each answer, so its usage is metered when it
 * happens rather than only when the loop ends. Blocking calls only: the LLM agent does not stream.
 */
final class MeteredRounds implements ChatModel {

    private final ChatModel delegate;
    private final AtomicInteger round;
    private final Consumer<ChatResponse> answered;
    private volatile List<String> callIds = List.of();

    MeteredRounds(ChatModel delegate, AtomicInteger round, Consumer<ChatResponse> answered) {
        this.delegate = delegate;
        this.round = round;
        this.answered = answered;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ChatResponse response = delegate.chat(request);
        callIds = response.toolCalls().stream().map(c -> c.id() == null ? "" : c.id()).toList();
        round.incrementAndGet();
        answered.accept(response);
        return response;
    }

    /** Where the call {@code id} stands among the latest answer's tool calls; -1 when it is not there. */
    int position(String id) {
        return callIds.indexOf(id);
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        throw new UnsupportedOperationException("an agent's tool loop runs blocking calls");
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }
}
