package dev.baton.pipeline;

import dev.baton.error.ErrorCode;

import java.time.Instant;

/**
 * The cooldown state of one deployment ({@code provider/model}), for {@code baton providers
 * status}: its circuit state, the failures counted in the current window, until when it is
 * skipped ({@code null} unless open), and the last counted failure ({@code null} if none).
 */
public record DeploymentStatus(String deployment, CircuitState state, int recentFailures, Instant openUntil,
                               ErrorCode lastErrorCode, String lastErrorMessage, Instant lastFailureAt) {

    /** The states of a deployment's circuit breaker. */
    public enum CircuitState {
        /** Calls go through; failures are counted. */
        CLOSED,
        /** Calls are refused with MODEL_UNAVAILABLE until {@code openUntil}. */
        OPEN,
        /** The cool-down is over: one trial call is let through; its outcome closes or reopens. */
        HALF_OPEN
    }
}
