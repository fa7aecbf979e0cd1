package dev.baton.context;

import dev.baton.llm.Message;

import java.util.List;
import java.util.Optional;

/**
 * Stored conversations: sessions, each with a message history per profile (tool calls and their
 * results included), kept in the store so they survive a restart. Resetting a profile's history
 * touches neither the session's other profiles nor project memory. With a retention limit, a
 * history keeps only its newest messages, never starting with a tool result whose call was cut.
 * Thread-safe.
 */
public interface Conversations {

    /** A new, empty session. */
    ChatSession start();

    /** The session {@code id}, if stored. */
    Optional<ChatSession> find(String id);

    /** The newest {@code limit} sessions, newest first. */
    List<ChatSession> list(int limit);

    /** The history of {@code profile} in session {@code sessionId}, oldest first (empty when there is none). */
    List<Message> history(String sessionId, String profile);

    /**
     * Appends {@code messages} to the history of {@code profile} in session {@code sessionId},
     * then applies the retention limit.
     *
     * @throws dev.baton.error.BatonException NOT_FOUND when there is no such session
     */
    void append(String sessionId, String profile, List<Message> messages);

    /** Removes the history of {@code profile} in session {@code sessionId}; returns how many messages went. */
    int reset(String sessionId, String profile);
}
