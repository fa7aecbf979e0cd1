package dev.baton.ensemble.spec;

/**
 * An assertion on one agent's output. With {@code jsonPath} ({@code $.items[0].name}) the value
 * at that path is checked (alone: it must exist); otherwise the whole output text. At most one of
 * {@code contains}, {@code equals}, {@code matches} (a regular expression searched for) is set.
 */
public record OutputAssertion(String agent, String jsonPath, String contains, String equals, String matches) {
}
