package dev.baton.ensemble.run;

import dev.baton.llm.Usage;
import java.time.Instant;

/**
 * Something that happened in a run, delivered to {@link RunListener}s. {@link #type()} is the
 * wire name: {@code run_started}, {@code agent_started}, {@code agent_completed},
 * {@code agent_failed}, {@code agent_skipped}, {@code agent_cancelled}, {@code usage},
 * {@code tool_call_started}, {@code tool_call_finished}, {@code run_completed}.
 */
public sealed interface RunEvent {

    String type();

    String runId();

    Instant at();

    /** The run began; {@code agents} is the number of agents it will settle. */
    record RunStarted(String runId, String ensemble, String input, int agents, Instant at) implements RunEvent {
        public String type() { return "run_started"; }
    }

    /** An agent began running (after its guards passed). */
    record AgentStarted(String runId, String agent, Instant at) implements RunEvent {
        public String type() { return "agent_started"; }
    }

    record AgentCompleted(String runId, AgentResult result, Instant at) implements RunEvent {
        public String type() { return "agent_completed"; }
    }

    record AgentFailed(String runId, AgentResult result, Instant at) implements RunEvent {
        public String type() { return "agent_failed"; }
    }

    record AgentSkipped(String runId, AgentResult result, Instant at) implements RunEvent {
        public String type() { return "agent_skipped"; }
    }

    record AgentCancelled(String runId, AgentResult result, Instant at) implements RunEvent {
        public String type() { return "agent_cancelled"; }
    }

    /** One model call's usage (as it happened, retries and fallbacks included). */
    record UsageRecorded(String runId, String agent, String model, Usage usage, Instant at) implements RunEvent {
        public String type() { return "usage"; }
    }

    /**
     * An LLM agent's tool loop is about to check and run a call of {@code tool}. The arguments
     * are left out: they are recorded, redacted, when the call ends.
     */
    record ToolCallStarted(String runId, String agent, String callId, String tool, Instant at) implements RunEvent {
        public String type() { return "tool_call_started"; }
    }

    /** A tool call of an LLM agent ended (ran, failed, was denied, ...), as {@code call} records. */
    record ToolCallFinished(String runId, String agent, AgentToolCall call, Instant at) implements RunEvent {
        public String type() { return "tool_call_finished"; }
    }

    record RunCompleted(String runId, RunResult result, Instant at) implements RunEvent {
        public String type() { return "run_completed"; }
    }
}
