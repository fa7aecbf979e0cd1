package dev.baton.task.internal;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import dev.baton.task.TaskInfo;
import dev.baton.task.TaskState;

import java.time.Clock;

/**
 * db-scheduler's hook for an execution whose worker stopped heartbeating (killed, frozen, cut
 * off): the task goes back to the queue due now, as the engine's own "revive" does, and its
 * history records which worker was lost and which one noticed. The next worker resumes it from
 * its checkpoints.
 */
final class HandOverDeadExecution implements DeadExecutionHandler<String> {

    private final TaskRepository repo;
    private final Clock clock;
    private final String replica;

    HandOverDeadExecution(TaskRepository repo, Clock clock, String replica) {
        this.repo = repo;
        this.clock = clock;
        this.replica = replica;
    }

    @Override
    public void deadExecution(ExecutionComplete complete, ExecutionOperations<String> ops) {
        Execution e = complete.getExecution();
        String id = e.taskInstance.getId();
        TaskInfo task = repo.find(id).orElse(null);
        if (task != null) {
            repo.history(id, TaskState.QUEUED, task.attempts(), e.pickedBy,
                    "worker " + e.pickedBy + " lost (last heartbeat " + e.lastHeartbeat + "); handed over, noticed by "
                            + replica);
            repo.settle(id, TaskState.QUEUED, null, "worker " + e.pickedBy + " stopped heartbeating", clock.instant());
        }
        ops.reschedule(complete, clock.instant());
    }
}
