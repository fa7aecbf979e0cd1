package dev.baton.task;

import java.util.List;

/** A task with its whole history (oldest first) and the agents whose results are checkpointed for its current occurrence. */
public record TaskDetail(TaskInfo task, List<TaskEvent> history, List<String> checkpointedAgents) {
    public TaskDetail {
        history = List.copyOf(history);
        checkpointedAgents = List.copyOf(checkpointedAgents);
    }
}
