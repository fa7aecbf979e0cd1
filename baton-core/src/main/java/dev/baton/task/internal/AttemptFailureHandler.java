package dev.baton.task.internal;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import dev.baton.task.TaskInfo;
import dev.baton.task.TaskState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * db-scheduler's hook for a failed attempt: the engine keeps the execution and this decides when
 * it runs again. Within the task's {@code max_attempts} it backs off exponentially
 * ({@link Backoff}); after the last attempt the task fails (a cron task waits for its next
 * occurrence instead); a task a client cancelled meanwhile is cancelled. Each decision is a line of
 * the task's history.
 */
final class AttemptFailureHandler implements FailureHandler<String> {

    private final TaskRepository repo;
    private final Clock clock;
    private final String replica;
    private final Duration firstBackoff;

    AttemptFailureHandler(TaskRepository repo, Clock clock, String replica, Duration firstBackoff) {
        this.repo = repo;
        this.clock = clock;
        this.replica = replica;
        this.firstBackoff = firstBackoff;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<String> ops) {
        String id = complete.getExecution().taskInstance.getId();
        TaskInfo task = repo.find(id).orElse(null);
        if (task == null) {
            ops.remove();
            return;
        }
        String error = complete.getCause().map(t -> t.getMessage() == null ? t.toString() : t.getMessage()).orElse("failed");
        if (repo.cancelRequested(id)) {
            ops.remove();
            TaskOutcomes.cancelled(repo, task, replica);
            return;
        }
        int used = repo.attemptsSinceRetry(id);
        Instant now = clock.instant();
        if (used < task.maxAttempts()) {
            Instant next = now.plus(Backoff.after(used, firstBackoff));
            repo.history(id, TaskState.RETRYING, task.attempts(), replica,
                    error + " (attempt " + used + " of " + task.maxAttempts() + "; next at " + next + ")");
            repo.settle(id, TaskState.RETRYING, null, error, next);
            ops.reschedule(complete, next);
            return;
        }
        Instant nextOccurrence = TaskOutcomes.nextOccurrence(task, complete);
        repo.history(id, TaskState.FAILED, task.attempts(), replica, error + " (gave up after " + used + " attempts)");
        repo.clearCheckpoints(id);
        if (nextOccurrence != null) {
            repo.nextOccurrence(id, error, nextOccurrence);
            ops.reschedule(complete, nextOccurrence);
        } else {
            repo.settle(id, TaskState.FAILED, null, error, null);
            ops.remove();
        }
    }
}
