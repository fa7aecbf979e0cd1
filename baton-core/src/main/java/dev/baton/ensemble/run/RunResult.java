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
 * {@code checks} are the reports of the ensemble's llm-orc checks ({@code validation:},
 * {@code output_schema:}); they never change {@code status}.
 */
public record RunResult(String runId, String ensemble, String input, RunStatus status, List<AgentResult> agents,
                        List<String> executionOrder, Map<String, List<String>> graph, RunTotals totals,
                        String deliverable, Instant startedAt, Instant finishedAt, List<CheckReport> checks) {

    /** A result without check reports. */
    public RunResult(String runId, String ensemble, String input, RunStatus status, List<AgentResult> agents,
                     List<String> executionOrder, Map<String, List<String>> graph, RunTotals totals,
                     String deliverable, Instant startedAt, Instant finishedAt) {
        this(runId, ensemble, input, status, agents, executionOrder, graph, totals, deliverable, startedAt, finishedAt,
                List.of());
    }

    public RunResult {
        checks = checks == null ? List.of() : List.copyOf(checks);
        agents = List.copyOf(agents);
        executionOrder = List.copyOf(executionOrder);
        Map<String, List<String>> g = new LinkedHashMap<>();
        if (graph != null) graph.forEach((k, v) -> g.put(k, List.copyOf(v)));
        graph = java.util.Collections.unmodifiableMap(g);
    }

    public Optional<AgentResult> agent(String name) {
        return agents.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** This result with {@code value} as its check reports. */
    public RunResult withChecks(List<CheckReport> value) {
        return new RunResult(runId, ensemble, input, status, agents, executionOrder, graph, totals, deliverable,
                startedAt, finishedAt, value);
    }

    /** The deliverable agent's output text, or null when there is no deliverable. */
    public String deliverableOutput() {
        return deliverable == null ? null : agent(deliverable).map(AgentResult::output).orElse(null);
    }
}
