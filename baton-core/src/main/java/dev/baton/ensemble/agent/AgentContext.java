package dev.baton.ensemble.agent;

import dev.baton.ensemble.run.AgentModels;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AttemptControl;
import dev.baton.ensemble.run.UsageMeter;
import dev.baton.ensemble.spec.AgentSpec;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What one attempt of one agent gets, and nothing of its run beyond that: the run's id and
 * ensemble name; the agent; its input (the run input, an {@code input_key} selection or a fan-out
 * element); the composed prompt (null for script agents, which get the input and dependencies as
 * JSON); the dependencies that completed; the model to use (LLM agents, else null); the deadline
 * (null: none); the control that aborts it; where to report model usage (so budgets, events and
 * totals see it); the attempt number (from 1); the fan-out instance index (null when not a
 * fan-out instance); the services a runner may call: {@code models} and {@code childRuns}; and
 * the agent's {@link AgentTools} (null when it names no {@code tools:}).
 */
public record AgentContext(String runId, String ensemble, AgentSpec agent, JsonNode input, String prompt,
                           List<AgentResult> dependencies, ModelChoice model, Instant deadline,
                           AttemptControl control, UsageMeter usage, int attempt, Integer instance,
                           AgentModels models, ChildRunLauncher childRuns, @Nullable AgentTools tools) {

    public AgentContext {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }
}
