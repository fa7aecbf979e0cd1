package dev.baton.context;

/**
 * A named system prompt. {@code source} says where its text comes from: shipped with Baton, a
 * user's override of a shipped one, or a user's own.
 */
public record Persona(String name, String text, Source source) {

    /** Where a persona's text comes from. */
    public enum Source {
        /** Shipped with Baton, unchanged. */
        SHIPPED,
        /** Shipped with Baton, its text replaced by the user ({@code baton personas reset} restores it). */
        OVERRIDDEN,
        /** Made by the user. */
        USER
    }
}
