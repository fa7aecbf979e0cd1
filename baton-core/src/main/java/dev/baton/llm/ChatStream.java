package dev.baton.llm;

import java.util.Iterator;

/**
 * A streamed answer, pulled chunk by chunk. {@link #close()} cancels the underlying exchange
 * (the HTTP connection is dropped) and is safe to call more than once. {@link #response()}
 * gives the answer assembled from every chunk pulled so far; once the stream is exhausted it is
 * the complete answer with final usage, and after an early close its usage is estimated.
 */
public interface ChatStream extends Iterator<ChatChunk>, AutoCloseable {

    /** The answer assembled from the chunks pulled so far. */
    ChatResponse response();

    @Override
    void close();

    /** Pulls every remaining chunk and returns the complete answer; closes the stream. */
    default ChatResponse drain() {
        try (this) {
            while (hasNext()) next();
            return response();
        }
    }
}
