package dev.baton.error;

/**
 * The error taxonomy. Every failure Baton reports carries exactly one code; retry and
 * fallback decide from the code, never from message text.
 */
public enum ErrorCode {
    INVALID_REQUEST(400, false),
    VALIDATION(400, false),
    UNKNOWN_FEATURE(400, false),
    UNKNOWN_OPERATION(400, false),
    AUTHENTICATION(401, false),
    BUDGET_EXCEEDED(402, false),
    PERMISSION_DENIED(403, false),
    NOT_FOUND(404, false),
    IDEMPOTENCY_CONFLICT(409, false),
    RATE_LIMITED(429, true),
    AGENT_FAILURE(500, false),
    /**
     * Baton's own configuration cannot serve the call (unknown or broken profile, missing script
     * file, unset credential variable). Never retried, never fallen back on, never counted against
     * a deployment's health: another attempt or another profile of the same configuration cannot
     * fix it. HTTP 500 because the fault is the server's setup, not the client's request.
     */
    CONFIGURATION(500, false),
    PROVIDER_ERROR(502, true),
    MODEL_UNAVAILABLE(503, true),
    INSUFFICIENT_RESOURCES(503, false),
    TIMEOUT(504, true);

    private final int httpStatus;
    private final boolean retriableByDefault;

    ErrorCode(int httpStatus, boolean retriableByDefault) {
        this.httpStatus = httpStatus;
        this.retriableByDefault = retriableByDefault;
    }

    /** The HTTP status Baton's servers answer with for this code. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether a failure with this code is worth retrying unless the raiser says otherwise. */
    public boolean retriableByDefault() {
        return retriableByDefault;
    }
}
