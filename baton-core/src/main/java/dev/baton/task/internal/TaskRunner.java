package dev.baton.task.internal;

import dev.baton.coordinator.CoordinatorListener;
import dev.baton.coordinator.CoordinatorRequest;
import dev.baton.coordinator.CoordinatorResponse;
import dev.baton.coordinator.CoordinatorResponseJson;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.RunHandle;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunResultJson;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.service.Ensembles;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.operation.OperationResult;
import dev.baton.task.TaskInfo;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Runs one attempt of a task on this worker: the ensemble (resumed from the task's checkpoints
 * when there are any), the coordinator request or the operation, with a {@link RunningTask} that
 * lets a cancel reach the run. Returns how the attempt ended; a failure is thrown as
 * {@link TaskAttemptFailed} so the engine's failure handler decides on a retry.
 */
final class TaskRunner {

    /** How an attempt ended without failing. */
    sealed interface Outcome {
        record Succeeded(String resultJson) implements Outcome { }
        record Stopped(RunningTask.Stop why) implements Outcome { }
    }

    /** An attempt that failed; the message is what the history and {@code baton tasks show} say. */
    static final class TaskAttemptFailed extends RuntimeException {
        TaskAttemptFailed(String message, Throwable cause) {
            super(message, cause);
        }

        TaskAttemptFailed(String message) {
            super(message);
        }
    }

    private final TaskTargets targets;
    private final TaskRepository repo;
    private final ObjectMapper json;
    private final Clock clock;

    TaskRunner(TaskTargets targets, TaskRepository repo, ObjectMapper json, Clock clock) {
        this.targets = targets;
        this.repo = repo;
        this.json = json;
        this.clock = clock;
    }

    /** The checkpoints a resumed ensemble run reuses (empty for other kinds or a fresh run). */
    Outcome run(TaskInfo task, RunningTask running, List<TaskRepository.Checkpoint> checkpoints, String replica) {
        try {
            return switch (task.kind()) {
                case ENSEMBLE -> ensemble(task, running, checkpoints, replica);
                case COORDINATOR -> coordinator(task, running);
                case OPERATION -> operation(task, running);
            };
        } catch (TaskAttemptFailed e) {
            throw e;
        } catch (RuntimeException e) {
            if (running.stopReason() != RunningTask.Stop.NONE) return new Outcome.Stopped(running.stopReason());
            throw new TaskAttemptFailed(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private Outcome ensemble(TaskInfo task, RunningTask running, List<TaskRepository.Checkpoint> checkpoints,
                             String replica) {
        Ensembles ensembles = targets.ensembles().get();
        EnsembleSpec spec = ensembles.load(task.target());
        Map<String, AgentResult> restored = ResumePlan.restored(spec, checkpoints, json, clock.instant());
        Checkpointer checkpointer = new Checkpointer(repo, task.id(), replica);
        RunHandle handle = restored.isEmpty()
                ? ensembles.run(spec, task.input(), RunOptions.defaults(), checkpointer)
                : ensembles.resume(spec, task.input(), RunOptions.defaults(), restored, checkpointer);
        repo.setRunId(task.id(), handle.runId());
        running.onStop(handle::cancel);
        RunResult result = handle.await();
        if (result.status() == RunStatus.CANCELLED && running.stopReason() != RunningTask.Stop.NONE) {
            return new Outcome.Stopped(running.stopReason());
        }
        String body = RunResultJson.write(result).toString();
        if (result.status() == RunStatus.FAILED || result.status() == RunStatus.CANCELLED) {
            throw new TaskAttemptFailed("run " + result.runId() + " " + result.status().wire() + firstError(result));
        }
        return new Outcome.Succeeded(body);
    }

    private static String firstError(RunResult result) {
        return result.agents().stream().filter(a -> a.error() != null).findFirst()
                .map(a -> ": " + a.name() + ": " + a.error().message()).orElse("");
    }

    private Outcome coordinator(TaskInfo task, RunningTask running) {
        running.onStop(Thread.currentThread()::interrupt);
        CoordinatorResponse r = targets.coordinator().get().run(CoordinatorRequest.of(task.input()), CoordinatorListener.NONE);
        if (running.stopReason() != RunningTask.Stop.NONE) return new Outcome.Stopped(running.stopReason());
        String body = CoordinatorResponseJson.write(r).toString();
        if (r.status() == CoordinatorResponse.Status.FAILED) {
            throw new TaskAttemptFailed("coordinator request failed: " + String.join("; ",
                    r.errors().stream().map(e -> e.jobId() + ": " + e.message()).toList()));
        }
        return new Outcome.Succeeded(body);
    }

    private Outcome operation(TaskInfo task, RunningTask running) {
        running.onStop(Thread.currentThread()::interrupt);
        JsonNode input = task.input() == null || task.input().isBlank() ? JsonNodeFactory.instance.objectNode()
                : json.readTree(task.input());
        OperationResult r = targets.operations().get().run(task.target(), input);
        if (running.stopReason() != RunningTask.Stop.NONE) return new Outcome.Stopped(running.stopReason());
        return new Outcome.Succeeded(json.createObjectNode().put("operation", r.operation()).set("result", r.result()).toString());
    }
}
