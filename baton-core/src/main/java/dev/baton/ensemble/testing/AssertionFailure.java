package dev.baton.ensemble.testing;

import java.util.Locale;

/**
 * One failed assertion of a {@code tests:} case, structured so a report can show a diff:
 * what kind of check failed, what it was about ({@code run status}, {@code agent 'x'},
 * {@code output of 'x' at $.a}), the expected and the actual value as text (the actual one is
 * the whole output, not a preview), and the one-line {@code message} also found in
 * {@link TestCaseResult#failures()}.
 */
public record AssertionFailure(Kind kind, String subject, String expected, String actual, String message) {

    /** Which check failed. */
    public enum Kind {
        RUN_STATUS, AGENT_STATUS, NO_OUTPUT, JSON_PATH, CONTAINS, EQUALS, MATCHES, ORDER, DURATION;

        /** Lower-case wire name ({@code run_status}, {@code contains}, ...). */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return message;
    }
}
