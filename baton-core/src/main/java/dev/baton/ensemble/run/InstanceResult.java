package dev.baton.ensemble.run;

import tools.jackson.databind.JsonNode;

/**
 * One instance of a {@code fan_out} agent: its position in the fanned-out array, status, output
 * ({@code outputJson} when the output is JSON) or error. Usage is summed on the agent.
 */
public record InstanceResult(int index, AgentStatus status, String output, JsonNode outputJson, AgentError error) {
}
