package dev.baton.context.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * One remembered fact of a project: a key (letters, digits, {@code . _ - /}), its text, where it
 * came from ({@code cli}, {@code tool}, an agent's name...) and when it was last set.
 */
public record Fact(String key, String text, String source, Instant updatedAt) {

    /** The longest key accepted. */
    public static final int MAX_KEY_LENGTH = 200;

    public Fact {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(updatedAt, "updatedAt");
        requireValidKey(key);
    }

    /**
     * Checks a fact key.
     *
     * @throws IllegalArgumentException naming the key and what is wrong with it
     */
    public static void requireValidKey(String key) {
        if (key == null || key.isEmpty()) throw new IllegalArgumentException("key: must not be empty");
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key: longer than " + MAX_KEY_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '/')) {
                throw new IllegalArgumentException("key: '" + key + "' has '" + c
                        + "' at " + (i + 1) + " (allowed: letters, digits, . _ - /)");
            }
        }
    }
}
