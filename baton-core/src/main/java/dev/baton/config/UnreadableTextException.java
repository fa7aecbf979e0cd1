package dev.baton.config;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

/**
 * A text input that cannot be used as text: missing, unreadable, over its size limit or not UTF-8.
 * {@link #source()} names the input (a file path or "standard input"); {@link #problem()} says what is
 * wrong without repeating the source, so callers can place it in their own error format.
 */
public final class UnreadableTextException extends BatonException {

    private final String source;
    private final String problem;

    public UnreadableTextException(String source, String reason, Throwable cause) {
        super(ErrorCode.VALIDATION, source + ": " + reason, cause);
        this.source = source;
        this.problem = reason;
    }

    public String source() {
        return source;
    }

    public String problem() {
        return problem;
    }
}
