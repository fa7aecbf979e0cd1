package dev.baton.bench;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.CompletedChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;
import dev.baton.llm.Usage;

import java.util.Set;

/**
 * An in-memory model that answers every call at once with the same small, priced response: what
 * the pipeline costs on its own, with nothing below it to wait for.
 */
public final class InstantChatModel implements ChatModel {

    /** gpt-4o-mini's list prices, so budgets and the ledger have a real cost to book. */
    static final Prices PRICES = Prices.of(0.15, 0.075, 0.60);

    private final ModelInfo info;
    private final ChatResponse response;

    public InstantChatModel(String model) {
        this.info = new ModelInfo("bench", model, 128_000, 16_384, Set.of(), PRICES);
        this.response = ChatResponse.ofText("Hello! How can I help you today?", Usage.of(12, 9), "bench", model);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return response;
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        return new CompletedChatStream(response);
    }

    @Override
    public ModelInfo info() {
        return info;
    }
}
