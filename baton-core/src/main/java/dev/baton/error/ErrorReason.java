package dev.baton.error;

/**
 * A finer, typed reason beneath an {@link ErrorCode}, for decisions the code alone cannot make
 * (fallback to a larger context window, a safety block, an overloaded provider).
 */
public enum ErrorReason {
    NONE,
    CONTEXT_OVERFLOW,
    SAFETY_BLOCK,
    OVERLOADED,
    QUOTA_EXHAUSTED,
    CONNECTION,
    MALFORMED_RESPONSE,
    STREAM_INTERRUPTED,
    CANCELLED
}
