package dev.baton.ensemble.run;

import dev.baton.llm.FallbackStep;
import dev.baton.llm.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * How one agent of a run ended. A completed agent has {@code output} (and {@code outputJson}
 * when the output is JSON: always for fan-out agents, whose output is the JSON array of their
 * instances); a failed one has {@code error}; a skipped one has {@code skipReason}.
 * {@code startedAt} is null when the agent never started. {@code usage} sums every attempt,
 * fallback and instance; {@code fallbacks} lists the models given up on; {@code model} is
 * {@code provider/model} of the answering model (null for non-LLM agents).
 */
public record AgentResult(String name, AgentStatus status, String output, JsonNode outputJson, AgentError error,
                          String skipReason, Usage usage, Instant startedAt, Instant finishedAt, int attempts,
                          String model, String profile, List<FallbackStep> fallbacks, List<InstanceResult> instances) {

    public AgentResult {
        usage = usage == null ? Usage.ZERO : usage;
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    public static AgentResult skipped(String name, String reason, Instant at) {
        return new AgentResult(name, AgentStatus.SKIPPED, null, null, null, reason, Usage.ZERO, null, at, 0, null,
                null, List.of(), List.of());
    }

    public static AgentResult cancelled(String name, Instant startedAt, Instant at) {
        return new AgentResult(name, AgentStatus.CANCELLED, null, null, null, null, Usage.ZERO, startedAt, at, 0,
                null, null, List.of(), List.of());
    }

    public boolean completed() {
        return status == AgentStatus.COMPLETED;
    }

    /** USD cost of this agent, or null when unknown. */
    public BigDecimal costUsd() {
        return usage.costUsd();
    }

    /** Wall time from start to end; zero when the agent never started. */
    public Duration duration() {
        return startedAt == null || finishedAt == null ? Duration.ZERO : Duration.between(startedAt, finishedAt);
    }

    /** True when this completed fan-out agent has failed instances. */
    public boolean hasFailedInstances() {
        return instances.stream().anyMatch(i -> i.status() != AgentStatus.COMPLETED);
    }
}
