package dev.baton.task;

import java.util.Locale;

/**
 * Where a task is. {@code QUEUED}: waiting for its time or a free worker; {@code RUNNING}: a worker
 * runs it; {@code RETRYING}: an attempt failed and the next waits out its backoff;
 * {@code SUCCEEDED}, {@code FAILED} (attempts used up), {@code CANCELLED}: final, until
 * {@code retry}. A cron task goes back to {@code QUEUED} after each occurrence.
 */
public enum TaskState {
    QUEUED, RUNNING, RETRYING, SUCCEEDED, FAILED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskState fromWire(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    /** True for states no worker will leave on its own. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
