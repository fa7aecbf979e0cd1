package dev.baton.task;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A task as stored: what it runs ({@code kind}, {@code target}, {@code input}), its schedule and
 * limits, where it is ({@code state}, {@code attempts} made in all, {@code nextRunAt} while
 * waiting), and how its last attempt ended ({@code result}: the run's JSON for a success,
 * {@code error}: the message of a failure). {@code runId} is the ensemble run of the last attempt.
 */
public record TaskInfo(String id, TaskKind kind, @Nullable String target, @Nullable String input, int priority,
                       @Nullable Instant runAt, @Nullable String cron, int maxAttempts, TaskState state, int attempts,
                       @Nullable Instant nextRunAt, @Nullable String runId, @Nullable String result,
                       @Nullable String error, @Nullable String replica, Instant createdAt, Instant updatedAt) {
}
