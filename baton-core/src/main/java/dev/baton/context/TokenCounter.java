package dev.baton.context;

import dev.baton.llm.Message;

import java.util.List;

/**
 * Counts the input tokens of messages for one model. Every count says whether it is exact
 * ({@link TokenCount#exact()}). Thread-safe.
 */
public interface TokenCounter {

    /** The tokens {@code messages} take as the model's input, message framing included. */
    TokenCount count(List<Message> messages);

    /** The tokens of one user message holding {@code text}. */
    default TokenCount count(String text) {
        return count(List.of(Message.user(text)));
    }
}
