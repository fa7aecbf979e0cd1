package dev.baton.task;

import java.util.Locale;

/** What a task runs: an ensemble (target: its name), a coordinator request, or an operation (target: its id). */
public enum TaskKind {
    ENSEMBLE, COORDINATOR, OPERATION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code text} ({@code ensemble}, {@code coordinator}, {@code operation}). */
    public static TaskKind fromWire(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new dev.baton.error.BatonException(dev.baton.error.ErrorCode.INVALID_REQUEST,
                    "unknown task kind '" + text + "': use ensemble, coordinator or operation");
        }
    }
}
