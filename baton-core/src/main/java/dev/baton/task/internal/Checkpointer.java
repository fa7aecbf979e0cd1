package dev.baton.task.internal;

import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunListener;
import dev.baton.ensemble.run.RunResultJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints a task's ensemble run as it goes: an agent is recorded {@code started} when it
 * starts and {@code completed} with its whole result (output, usage, model) the moment it
 * completes, so a worker that takes the task over after this one dies knows what not to run again.
 * Only the top-level run's own agents are checkpointed (a child run is part of its parent agent).
 */
final class Checkpointer implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final TaskRepository repo;
    private final String taskId;
    private final String replica;

    Checkpointer(TaskRepository repo, String taskId, String replica) {
        this.repo = repo;
        this.taskId = taskId;
        this.replica = replica;
    }

    @Override
    public void onEvent(RunEvent event) {
        try {
            if (event instanceof RunEvent.AgentStarted s) {
                repo.checkpoint(taskId, s.agent(), "started", null, replica);
            } else if (event instanceof RunEvent.AgentCompleted c) {
                repo.checkpoint(taskId, c.result().name(), "completed", RunResultJson.writeAgent(c.result()).toString(), replica);
            }
        } catch (RuntimeException e) {
            // a lost checkpoint costs a re-run after a crash, never the run itself
            LOG.warn("task {}: checkpoint of {} not written: {}", taskId, event.getClass().getSimpleName(), e.getMessage());
        }
    }
}
