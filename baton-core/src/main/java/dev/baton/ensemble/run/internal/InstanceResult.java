package dev.baton.ensemble.run.internal;

import tools.jackson.databind.JsonNode;
import dev.baton.ensemble.run.AgentError;
import dev.baton.ensemble.run.AgentStatus;

/**
 * One instance of a {@code fan_out} agent: its position in the fanned-out array, status, output
 * ({@code outputJson} when the output is JSON) or error. Usage is summed on the agent.
 */
public record InstanceResult(int index, AgentStatus status, String output, JsonNode outputJson, AgentError error) {
}
