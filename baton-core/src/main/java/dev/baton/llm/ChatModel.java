package dev.baton.llm;

/**
 * The one SPI: something that answers chat requests. Providers implement it; every
 * cross-cutting concern (retry, fallback, budgets, recording, validation) is a decorator of it.
 * Implementations are thread-safe. Failures are {@link dev.baton.error.BatonException}s.
 */
public interface ChatModel {

    /** Answers the request, blocking until the whole answer is in. */
    ChatResponse chat(ChatRequest request);

    /** Starts a streamed answer. The caller must close the stream. */
    ChatStream stream(ChatRequest request);

    /** What this model is and can do. */
    ModelInfo info();
}
