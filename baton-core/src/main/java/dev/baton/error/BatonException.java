package dev.baton.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The one unchecked failure type of Baton. It carries an {@link ErrorCode}, the context it
 * happened in, whether it may be retried, an optional retry delay asked for by the provider and
 * an optional suggestion for the user. Messages never contain credentials.
 */
public class BatonException extends RuntimeException {

    private final ErrorCode code;
    private final ErrorReason reason;
    private final ErrorContext context;
    private final boolean retriable;
    private final String suggestion;
    private final Duration retryAfter;
    private final int providerStatus;

    /** For subclasses that fix the code and need the builder's other fields (suggestion, cause). */
    protected BatonException(Builder b) {
        super(b.message, b.cause);
        this.code = b.code;
        this.reason = b.reason;
        this.context = b.context;
        this.retriable = b.retriable == null ? b.code.retriableByDefault() : b.retriable;
        this.suggestion = b.suggestion;
        this.retryAfter = b.retryAfter;
        this.providerStatus = b.providerStatus;
    }

    public BatonException(ErrorCode code, String message) {
        this(builder(code, message));
    }

    public BatonException(ErrorCode code, String message, Throwable cause) {
        this(builder(code, message).cause(cause));
    }

    public static Builder builder(ErrorCode code, String message) {
        return new Builder(code, message);
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorReason reason() {
        return reason;
    }

    public ErrorContext context() {
        return context;
    }

    public boolean retriable() {
        return retriable;
    }

    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }

    /** The delay the provider asked for (Retry-After, retry-after-ms), if any. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The HTTP status the provider answered with, or 0 when the failure was not an HTTP answer. */
    public int providerStatus() {
        return providerStatus;
    }

    /** A copy of this exception with a different context (message, cause and flags kept). */
    public BatonException withContext(ErrorContext newContext) {
        return toBuilder().context(newContext).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(code, getMessage());
        b.reason = reason;
        b.context = context;
        b.retriable = retriable;
        b.suggestion = suggestion;
        b.retryAfter = retryAfter;
        b.providerStatus = providerStatus;
        b.cause = getCause();
        return b;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(code.name()).append(": ").append(getMessage());
        if (!context.asMap().isEmpty()) sb.append(' ').append(context);
        return sb.toString();
    }

    /** Builder for {@link BatonException}. */
    public static final class Builder {
        private final ErrorCode code;
        private final String message;
        private ErrorReason reason = ErrorReason.NONE;
        private ErrorContext context = ErrorContext.EMPTY;
        private Boolean retriable;
        private String suggestion;
        private Duration retryAfter;
        private int providerStatus;
        private Throwable cause;

        private Builder(ErrorCode code, String message) {
            this.code = code;
            this.message = message;
        }

        public Builder reason(ErrorReason reason) { this.reason = reason; return this; }
        public Builder context(ErrorContext context) { this.context = context == null ? ErrorContext.EMPTY : context; return this; }
        public Builder retriable(boolean retriable) { this.retriable = retriable; return this; }
        public Builder suggestion(String suggestion) { this.suggestion = suggestion; return this; }
        public Builder retryAfter(Duration retryAfter) { this.retryAfter = retryAfter; return this; }
        public Builder providerStatus(int providerStatus) { this.providerStatus = providerStatus; return this; }
        public Builder cause(Throwable cause) { this.cause = cause; return this; }

        public BatonException build() {
            return new BatonException(this);
        }
    }
}
