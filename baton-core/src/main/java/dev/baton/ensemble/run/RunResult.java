package dev.baton.ensemble.run;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one ensemble run: status, every agent's result in declaration order, the order
 * agents started in, totals and the deliverable (the {@code deliverable:} agent if it completed,
 * else the last-declared completed agent that no other agent depends on, else the last-declared
 * completed agent; null when none). {@code graph} maps each agent to the agents it depends on.
 */
public record RunResult(String runId, String ensemble, String input, RunStatus status, List<AgentResult> agents,
                        List<String> executionOrder, Map<String, List<String>> graph, RunTotals totals,
                        String deliverable, Instant startedAt, Instant finishedAt) {

    public RunResult {
        agents = List.copyOf(agents);
        executionOrder = List.copyOf(executionOrder);
        Map<String, List<String>> g = new LinkedHashMap<>();
        if (graph != null) graph.forEach((k, v) -> g.put(k, List.copyOf(v)));
        graph = java.util.Collections.unmodifiableMap(g);
    }

    public Optional<AgentResult> agent(String name) {
        return agents.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The deliverable agent's output text, or null when there is no deliverable. */
    public String deliverableOutput() {
        return deliverable == null ? null : agent(deliverable).map(AgentResult::output).orElse(null);
    }
}
