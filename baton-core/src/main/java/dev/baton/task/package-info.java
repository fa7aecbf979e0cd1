/**
 * The durable task queue: ensemble runs, coordinator requests and operations submitted now, at a
 * time or on a cron schedule, with priorities, retries with backoff, cancellation and a history of
 * every state change (when, which attempt, which replica). Scheduling, claiming, heartbeats and
 * retries are done by db-scheduler on the store's database; Baton keeps the task rows, their
 * history and the per-agent checkpoints a run resumes from when its worker dies.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.task;

import org.jspecify.annotations.NullMarked;
