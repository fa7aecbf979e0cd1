package dev.baton.provider.scripted;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;

import java.util.Objects;

/**
 * A failure a scripted reply raises as a {@link dev.baton.error.BatonException}: the error code
 * (one of the {@link ErrorCode} names), a message (a default naming the code when absent), an
 * optional retry-after delay in milliseconds, an optional finer {@link ErrorReason} and an
 * optional retriable flag (the code's default when absent).
 */
public record ScriptedError(@JsonProperty(value = "code", required = true) ErrorCode code,
                            @JsonProperty("message") String message,
                            @JsonProperty("retry_after_ms") Long retryAfterMs,
                            @JsonProperty("reason") ErrorReason reason,
                            @JsonProperty("retriable") Boolean retriable) {

    public ScriptedError {
        Objects.requireNonNull(code, "an error needs a code");
        if (message == null || message.isBlank()) message = "scripted " + code.name() + " error";
        if (retryAfterMs != null && retryAfterMs < 0) {
            throw new IllegalArgumentException("retry_after_ms must not be negative, got " + retryAfterMs);
        }
        if (reason == null) reason = ErrorReason.NONE;
    }

    public static ScriptedError of(ErrorCode code, String message) {
        return new ScriptedError(code, message, null, null, null);
    }

    public ScriptedError withRetryAfterMs(long millis) {
        return new ScriptedError(code, message, millis, reason, retriable);
    }

    public ScriptedError withReason(ErrorReason newReason) {
        return new ScriptedError(code, message, retryAfterMs, newReason, retriable);
    }
}
