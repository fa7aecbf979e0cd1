package dev.baton.context;

import java.time.Instant;
import java.util.Map;

/**
 * A stored chat session: its id, when it began and was last added to, and how many messages it
 * holds per profile (each profile of a session has a history of its own).
 */
public record ChatSession(String id, Instant created, Instant updated, Map<String, Integer> messagesByProfile) {

    public ChatSession {
        messagesByProfile = Map.copyOf(messagesByProfile);
    }

    /** Messages over every profile. */
    public int messageCount() {
        return messagesByProfile.values().stream().mapToInt(Integer::intValue).sum();
    }
}
