package dev.baton.task.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.baton.task.TaskInfo;
import dev.baton.task.TaskState;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What a worker does with an execution db-scheduler has claimed for it: it records the attempt
 * (and, when checkpoints exist, the hand-over from the worker that left them), runs the task,
 * and tells the engine what to do with the execution: remove it, move it to the next cron
 * occurrence, or hand it back to the queue. A failed attempt is thrown to the engine, whose
 * {@link AttemptFailureHandler} decides on a retry.
 */
final class TaskExecutionHandler implements ExecutionHandler<String> {

    private final TaskRepository repo;
    private final TaskRunner runner;
    private final Clock clock;
    private final String replica;
    private final Map<String, RunningTask> running = new ConcurrentHashMap<>();

    TaskExecutionHandler(TaskRepository repo, TaskRunner runner, Clock clock, String replica) {
        this.repo = repo;
        this.runner = runner;
        this.clock = clock;
        this.replica = replica;
    }

    Map<String, RunningTask> running() {
        return running;
    }

    @Override
    public CompletionHandler<String> execute(TaskInstance<String> instance, ExecutionContext context) {
        String id = instance.getId();
        TaskInfo task = repo.find(id).orElse(null);
        if (task == null) return (complete, ops) -> ops.remove();
        if (task.state().isFinal() || repo.cancelRequested(id)) {
            TaskOutcomes.cancelled(repo, task, replica);
            return (complete, ops) -> ops.remove();
        }
        int attempt = repo.markRunning(id, replica);
        List<TaskRepository.Checkpoint> checkpoints = task.kind() == dev.baton.task.TaskKind.ENSEMBLE
                ? repo.checkpoints(id) : List.of();
        repo.history(id, TaskState.RUNNING, attempt, replica, startDetail(task, checkpoints));
        RunningTask rt = new RunningTask(id, Thread.currentThread());
        running.put(id, rt);
        try {
            TaskRunner.Outcome outcome = runner.run(task, rt, checkpoints, replica);
            TaskInfo now = repo.find(id).orElse(task);
            return switch (outcome) {
                case TaskRunner.Outcome.Succeeded s -> succeeded(now, s.resultJson());
                case TaskRunner.Outcome.Stopped st when st.why() == RunningTask.Stop.HAND_BACK -> handedBack(now);
                case TaskRunner.Outcome.Stopped st -> {
                    TaskOutcomes.cancelled(repo, now, replica);
                    yield (complete, ops) -> ops.remove();
                }
            };
        } finally {
            running.remove(id);
            Thread.interrupted(); // a cancel that interrupted this thread must not reach the engine's next task
        }
    }

    private String startDetail(TaskInfo task, List<TaskRepository.Checkpoint> checkpoints) {
        if (checkpoints.isEmpty()) return task.attempts() == 0 ? "started" : "started again";
        String done = checkpoints.stream().filter(c -> "completed".equals(c.status()))
                .map(TaskRepository.Checkpoint::agent).collect(Collectors.joining(", "));
        String from = checkpoints.stream().map(TaskRepository.Checkpoint::replica).filter(r -> r != null)
                .distinct().collect(Collectors.joining(", "));
        return "resumed from checkpoints of replica " + from + " (completed: " + (done.isEmpty() ? "none" : done) + ")";
    }

    private CompletionHandler<String> succeeded(TaskInfo task, String result) {
        repo.clearCheckpoints(task.id());
        return (complete, ops) -> {
            Instant next = TaskOutcomes.nextOccurrence(task, complete);
            // the history line first: whoever sees the new state also sees why
            repo.history(task.id(), TaskState.SUCCEEDED, task.attempts(), replica,
                    next == null ? "succeeded" : "succeeded; next occurrence at " + next);
            repo.settle(task.id(), next == null ? TaskState.SUCCEEDED : TaskState.QUEUED, result, null, next);
            if (next == null) {
                ops.remove();
            } else {
                repo.nextOccurrence(task.id(), null, next);
                ops.reschedule(complete, next);
            }
        };
    }

    private CompletionHandler<String> handedBack(TaskInfo task) {
        return (complete, ops) -> {
            Instant now = clock.instant();
            repo.history(task.id(), TaskState.QUEUED, task.attempts(), replica,
                    "handed back: worker " + replica + " stopped; checkpoints kept for the next worker");
            repo.settle(task.id(), TaskState.QUEUED, null, null, now);
            ops.reschedule(complete, now);
        };
    }
}
