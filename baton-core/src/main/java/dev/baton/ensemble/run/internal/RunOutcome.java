package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.run.RunTotals;
import dev.baton.ensemble.spec.EnsembleSpec;

import dev.baton.llm.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Derives a run's status, deliverable and totals from its agents' results. */
final class RunOutcome {

    private RunOutcome() {
    }

    static RunResult build(EnsembleSpec spec, String runId, String input, List<AgentResult> agents,
                           List<String> order, boolean cancelled, int[][] dependents, Instant start, Instant end) {
        String deliverable = deliverable(spec, agents, dependents);
        RunStatus status = status(agents, deliverable, cancelled);
        java.util.Map<String, List<String>> graph = new java.util.LinkedHashMap<>();
        spec.agents().forEach(a -> graph.put(a.name(), a.dependsOn()));
        return new RunResult(runId, spec.name(), input, status, agents, order, graph, totals(agents, start, end),
                deliverable, start, end);
    }

    /** The {@code deliverable:} agent if it completed; else the last-declared completed terminal agent; else the last completed one. */
    static String deliverable(EnsembleSpec spec, List<AgentResult> agents, int[][] dependents) {
        if (spec.deliverable() != null) {
            return agents.stream().filter(a -> a.name().equals(spec.deliverable()) && a.completed())
                    .map(AgentResult::name).findFirst().orElse(null);
        }
        String anyCompleted = null;
        for (int i = agents.size() - 1; i >= 0; i--) {
            AgentResult a = agents.get(i);
            if (!a.completed()) continue;
            if (dependents[i].length == 0) return a.name();
            if (anyCompleted == null) anyCompleted = a.name();
        }
        return anyCompleted;
    }

    static RunStatus status(List<AgentResult> agents, String deliverable, boolean cancelled) {
        if (cancelled) return RunStatus.CANCELLED;
        if (deliverable == null) return RunStatus.FAILED;
        boolean errors = agents.stream().anyMatch(a -> a.status() == AgentStatus.FAILED
                || a.status() == AgentStatus.CANCELLED || a.hasFailedInstances());
        return errors ? RunStatus.COMPLETED_WITH_ERRORS : RunStatus.COMPLETED;
    }

    static RunTotals totals(List<AgentResult> agents, Instant start, Instant end) {
        Usage usage = Usage.ZERO;
        int[] counts = new int[AgentStatus.values().length];
        for (AgentResult a : agents) {
            usage = usage.plus(a.usage());
            counts[a.status().ordinal()]++;
        }
        return new RunTotals(usage, counts[AgentStatus.COMPLETED.ordinal()], counts[AgentStatus.FAILED.ordinal()],
                counts[AgentStatus.SKIPPED.ordinal()], counts[AgentStatus.CANCELLED.ordinal()],
                Duration.between(start, end));
    }
}
