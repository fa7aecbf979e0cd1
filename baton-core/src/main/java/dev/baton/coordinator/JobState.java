package dev.baton.coordinator;

import java.util.Locale;

/**
 * Where a job is: {@code QUEUED} → {@code RUNNING} → {@code COMPLETED}, {@code FAILED} (an error,
 * the budget guard refusing a call) or {@code ABORTED} (stopped past its time share or when the
 * request ended; what it had is returned, flagged partial).
 */
public enum JobState {
    QUEUED, RUNNING, COMPLETED, FAILED, ABORTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean ended() {
        return this == COMPLETED || this == FAILED || this == ABORTED;
    }
}
