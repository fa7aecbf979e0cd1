package dev.baton;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;

import java.util.function.Supplier;

/**
 * A model whose adapter is made on first use, so that wiring every profile costs nothing until
 * one is called (an adapter holds an HTTP client, whose start-up is not free).
 */
final class LazyChatModel implements ChatModel, AutoCloseable {

    private final Supplier<ChatModel> factory;
    private final ModelInfo info;
    private volatile ChatModel model;

    LazyChatModel(Supplier<ChatModel> factory, ModelInfo info) {
        this.factory = factory;
        this.info = info;
    }

    private ChatModel model() {
        ChatModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) model = factory.get();
                m = model;
            }
        }
        return m;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return model().chat(request);
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        return model().stream(request);
    }

    /** Makes the adapter now and lets it prepare itself. */
    @Override
    public void prepare() {
        model().prepare();
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public void close() throws Exception {
        ChatModel m = model;
        if (m instanceof AutoCloseable c) c.close();
    }

    @Override
    public String toString() {
        ChatModel m = model;
        return m == null ? "Lazy[" + info.provider() + "/" + info.model() + "]" : m.toString();
    }
}
