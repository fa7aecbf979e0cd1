package dev.baton.ensemble.load.internal;

import dev.baton.ensemble.load.EnsembleValidator;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Dependency-graph checks of {@link EnsembleValidator}: missing dependencies and cycles. */
public final class GraphChecks {

    private final EnsembleSpec spec;
    private final List<Problem> problems;
    private final Map<String, AgentSpec> byName = new HashMap<>();

    public GraphChecks(EnsembleSpec spec, List<Problem> problems) {
        this.spec = spec;
        this.problems = problems;
        spec.agents().forEach(a -> byName.putIfAbsent(a.name(), a));
    }

    public void check() {
        for (AgentSpec a : spec.agents()) {
            for (String dep : a.dependsOn()) {
                if (!byName.containsKey(dep)) {
                    String hint = SpecReader.closest(dep, byName.keySet());
                    add(a, "missing dependency '" + dep + "'" + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
                }
            }
        }
        findCycles();
    }

    /** Depth-first search; each back edge closes a cycle, reported once per set of agents. */
    private void findCycles() {
        Map<String, Integer> state = new HashMap<>(); // absent: new, 1: on the path, 2: done
        Set<Set<String>> reported = new HashSet<>();
        for (AgentSpec start : spec.agents()) {
            if (state.containsKey(start.name())) continue;
            List<String> path = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            push(start.name(), path, next, state);
            while (!path.isEmpty()) {
                String top = path.get(path.size() - 1);
                List<String> deps = byName.get(top).dependsOn();
                int i = next.get(next.size() - 1);
                if (i >= deps.size()) {
                    state.put(top, 2);
                    path.remove(path.size() - 1);
                    next.remove(next.size() - 1);
                    continue;
                }
                next.set(next.size() - 1, i + 1);
                String dep = deps.get(i);
                if (!byName.containsKey(dep)) continue;
                Integer s = state.get(dep);
                if (s == null) push(dep, path, next, state);
                else if (s == 1) reportCycle(path.subList(path.indexOf(dep), path.size()), reported);
            }
        }
    }

    private static void push(String name, List<String> path, List<Integer> next, Map<String, Integer> state) {
        state.put(name, 1);
        path.add(name);
        next.add(0);
    }

    private void reportCycle(List<String> cycle, Set<Set<String>> reported) {
        if (!reported.add(new HashSet<>(cycle))) return;
        String text = String.join(" -> ", cycle) + " -> " + cycle.get(0);
        add(byName.get(cycle.get(0)), "dependency cycle: " + text);
    }

    private void add(AgentSpec a, String message) {
        problems.add(new Problem(spec.origin(), a.name(), spec.lines().agent(a.index(), "depends_on"), message));
    }
}
