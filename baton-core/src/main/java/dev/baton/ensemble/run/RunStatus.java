package dev.baton.ensemble.run;

import java.util.Locale;

/**
 * How a run ended. {@code COMPLETED}: every agent completed or was skipped by its {@code when}
 * guard. {@code COMPLETED_WITH_ERRORS}: something failed (an agent, a fan-out instance, or an
 * agent skipped for a failed dependency) but there is a deliverable. {@code FAILED}: there is no
 * deliverable. {@code CANCELLED}: the run was cancelled before it finished.
 */
public enum RunStatus {
    COMPLETED, COMPLETED_WITH_ERRORS, FAILED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromWire(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
