package dev.baton.ensemble;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one ensemble run: status, every agent's result in declaration order, the order
 * agents started in, totals and the deliverable (the {@code deliverable:} agent if it completed,
 * else the last-declared completed agent that no other agent depends on; null when none).
 */
public record RunResult(String runId, String ensemble, String input, RunStatus status, List<AgentResult> agents,
                        List<String> executionOrder, RunTotals totals, String deliverable, Instant startedAt,
                        Instant finishedAt) {

    public RunResult {
        agents = List.copyOf(agents);
        executionOrder = List.copyOf(executionOrder);
    }

    public Optional<AgentResult> agent(String name) {
        return agents.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The deliverable agent's output text, or null when there is no deliverable. */
    public String deliverableOutput() {
        return deliverable == null ? null : agent(deliverable).map(AgentResult::output).orElse(null);
    }
}
