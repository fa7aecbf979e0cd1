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

    /**
     * Gets ready for a first call without making one (an adapter builds its HTTP client and runs
     * its request encoding and answer decoding once), so that calls started together do not each
     * meet a cold start. Sends nothing. Optional: the default does nothing, and callers ignore
     * its failures, which the first real call meets again.
     */
    default void prepare() {
    }
}
