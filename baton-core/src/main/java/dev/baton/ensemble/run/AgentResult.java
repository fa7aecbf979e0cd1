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
 * {@code provider/model} of the answering model (null for non-LLM agents); {@code toolCalls} are
 * the tool calls its tool loop made (every attempt and instance, in round order), also when it
 * failed. {@code childRun} is the child run an ensemble or dispatch agent started (null otherwise),
 * also when the agent failed after it.
 */
public record AgentResult(String name, AgentStatus status, String output, JsonNode outputJson, AgentError error,
                          String skipReason, Usage usage, Instant startedAt, Instant finishedAt, int attempts,
                          String model, String profile, List<FallbackStep> fallbacks, List<InstanceResult> instances,
                          List<AgentToolCall> toolCalls, ChildRun childRun) {

    public AgentResult {
        usage = usage == null ? Usage.ZERO : usage;
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        instances = instances == null ? List.of() : List.copyOf(instances);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A result for agent {@code name} ending in {@code status}; every other part is optional. */
    public static Builder builder(String name, AgentStatus status) {
        return new Builder(name, status);
    }

    /** An agent that never ran because of {@code reason} (a dependency policy or a false {@code when}). */
    public static AgentResult skipped(String name, String reason, Instant at) {
        return builder(name, AgentStatus.SKIPPED).skipReason(reason).finishedAt(at).build();
    }

    /** An agent stopped because its run was cancelled; {@code startedAt} null when it never started. */
    public static AgentResult cancelled(String name, Instant startedAt, Instant at) {
        return builder(name, AgentStatus.CANCELLED).startedAt(startedAt).finishedAt(at).build();
    }

    /** An agent that failed with {@code error}. */
    public static AgentResult failed(String name, AgentError error, Instant startedAt, Instant at) {
        return builder(name, AgentStatus.FAILED).error(error).startedAt(startedAt).finishedAt(at).build();
    }

    public Builder toBuilder() {
        return builder(name, status).output(output).outputJson(outputJson).error(error).skipReason(skipReason)
                .usage(usage).startedAt(startedAt).finishedAt(finishedAt).attempts(attempts).model(model)
                .profile(profile).fallbacks(fallbacks).instances(instances).toolCalls(toolCalls).childRun(childRun);
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

    /** Builder for {@link AgentResult}: name and status are required, the rest defaults to none/zero. */
    public static final class Builder {
        private final String name;
        private final AgentStatus status;
        private String output;
        private JsonNode outputJson;
        private AgentError error;
        private String skipReason;
        private Usage usage = Usage.ZERO;
        private Instant startedAt;
        private Instant finishedAt;
        private int attempts;
        private String model;
        private String profile;
        private List<FallbackStep> fallbacks = List.of();
        private List<InstanceResult> instances = List.of();
        private List<AgentToolCall> toolCalls = List.of();
        private ChildRun childRun;

        private Builder(String name, AgentStatus status) {
            this.name = name;
            this.status = status;
        }

        public Builder output(String value) { this.output = value; return this; }
        public Builder outputJson(JsonNode value) { this.outputJson = value; return this; }
        public Builder error(AgentError value) { this.error = value; return this; }
        public Builder skipReason(String value) { this.skipReason = value; return this; }
        public Builder usage(Usage value) { this.usage = value; return this; }
        public Builder startedAt(Instant value) { this.startedAt = value; return this; }
        public Builder finishedAt(Instant value) { this.finishedAt = value; return this; }
        public Builder attempts(int value) { this.attempts = value; return this; }
        /** {@code provider/model} of the answering model. */
        public Builder model(String value) { this.model = value; return this; }
        public Builder profile(String value) { this.profile = value; return this; }
        public Builder fallbacks(List<FallbackStep> value) { this.fallbacks = value; return this; }
        public Builder instances(List<InstanceResult> value) { this.instances = value; return this; }
        public Builder toolCalls(List<AgentToolCall> value) { this.toolCalls = value; return this; }
        /** The child run the agent started (ensemble and dispatch agents). */
        public Builder childRun(ChildRun value) { this.childRun = value; return this; }

        public AgentResult build() {
            return new AgentResult(name, status, output, outputJson, error, skipReason, usage, startedAt, finishedAt,
                    attempts, model, profile, fallbacks, instances, toolCalls, childRun);
        }
    }
}
