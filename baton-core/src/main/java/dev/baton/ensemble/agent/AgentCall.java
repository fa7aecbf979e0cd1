package dev.baton.ensemble.agent;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AttemptControl;
import dev.baton.ensemble.run.UsageMeter;
import dev.baton.ensemble.run.internal.RunExecution;
import dev.baton.ensemble.spec.AgentSpec;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Everything one attempt of one agent gets: the run it belongs to, the agent, its input (the run
 * input, an {@code input_key} selection or a fan-out element), the composed prompt, the
 * dependencies that completed, the model to use (LLM agents), the deadline (null: none), the
 * control used to stop it, where to report usage, the attempt number (from 1) and the fan-out
 * instance index (null when not a fan-out instance).
 */
public record AgentCall(RunExecution run, AgentSpec agent, JsonNode input, String prompt, List<AgentResult> dependencies,
                 ModelChoice model, Instant deadline, AttemptControl control, UsageMeter usage, int attempt,
                 Integer instance) {
}
