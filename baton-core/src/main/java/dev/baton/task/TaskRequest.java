package dev.baton.task;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A task to submit. {@code target} is the ensemble name or the operation id (null for a
 * coordinator request); {@code input} the ensemble's input text, the coordinator's query, or the
 * operation's input JSON (null: none). {@code priority}: higher runs first among due tasks
 * (default 0). {@code runAt}: not before this time (null: now). {@code cron}: run on this
 * six-field schedule ({@code second minute hour day month weekday}, e.g. {@code 0 0 * * * *}),
 * first at the next match or at {@code runAt}. {@code maxAttempts}: attempts per occurrence
 * before the task fails (default 3); a failed attempt is tried again after
 * {@code 1 s × 2^(attempt-1)}, at most 5 minutes.
 */
public record TaskRequest(TaskKind kind, @Nullable String target, @Nullable String input, int priority,
                          @Nullable Instant runAt, @Nullable String cron, int maxAttempts) {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    public TaskRequest {
        if (kind != TaskKind.COORDINATOR && (target == null || target.isBlank())) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "a " + kind.wire() + " task needs a target ("
                    + (kind == TaskKind.ENSEMBLE ? "the ensemble's name" : "the operation's id") + ")");
        }
        if (kind == TaskKind.COORDINATOR && (input == null || input.isBlank())) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "a coordinator task needs an input (the query)");
        }
        if (maxAttempts < 1) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "max attempts must be at least 1, not " + maxAttempts);
        }
        if (priority < -1000 || priority > 1000) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "priority must be between -1000 and 1000, not " + priority);
        }
    }

    /** An ensemble run due now with default priority and attempts. */
    public static TaskRequest ensemble(String name, @Nullable String input) {
        return new TaskRequest(TaskKind.ENSEMBLE, name, input, 0, null, null, DEFAULT_MAX_ATTEMPTS);
    }

    public TaskRequest withPriority(int value) {
        return new TaskRequest(kind, target, input, value, runAt, cron, maxAttempts);
    }

    public TaskRequest withRunAt(@Nullable Instant value) {
        return new TaskRequest(kind, target, input, priority, value, cron, maxAttempts);
    }

    public TaskRequest withCron(@Nullable String value) {
        return new TaskRequest(kind, target, input, priority, runAt, value, maxAttempts);
    }

    public TaskRequest withMaxAttempts(int value) {
        return new TaskRequest(kind, target, input, priority, runAt, cron, value);
    }
}
