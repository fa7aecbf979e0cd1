package dev.baton.task;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One line of a task's history: at {@code at}, attempt {@code attempt} (0 before the first) on
 * replica {@code replica} (null for changes made by a client, e.g. submit or cancel) reached
 * {@code state}; {@code detail} says why (the error, the backoff, the worker that died, the
 * checkpoints a resumed run reused).
 */
public record TaskEvent(Instant at, TaskState state, int attempt, @Nullable String replica, @Nullable String detail) {
}
