package dev.baton.task.internal;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.task.TaskInfo;
import dev.baton.task.TaskState;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** The bookkeeping shared by the ways an attempt ends: cancelled tasks, cron occurrences. */
final class TaskOutcomes {

    private TaskOutcomes() {
    }

    static void cancelled(TaskRepository repo, TaskInfo task, @Nullable String replica) {
        repo.clearCheckpoints(task.id());
        repo.finishIfNotFinal(task.id(), TaskState.CANCELLED, task.attempts(), replica, "cancelled");
    }

    /** The task's cron schedule, or a clear error naming the expression. */
    static Schedule cron(String expression) {
        try {
            return Schedules.cron(expression);
        } catch (RuntimeException e) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "cron '" + expression + "' is not a six-field cron "
                    + "expression (second minute hour day month weekday, e.g. '0 */5 * * * *'): " + e.getMessage());
        }
    }

    /** When a cron task runs next after this occurrence; null for a task without cron. */
    static @Nullable Instant nextOccurrence(TaskInfo task, ExecutionComplete complete) {
        if (task.cron() == null) return null;
        Instant next = cron(task.cron()).getNextExecutionTime(complete);
        return next == null || next.equals(Schedule.NEVER) ? null : next;
    }
}
