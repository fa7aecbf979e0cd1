package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code fallback:} lists of all profiles as a graph. Validates it at configuration load time
 * (every name defined, no cycle; a cycle is reported as {@code a -> b -> a}) and expands a
 * profile's chain: the profile, then depth-first each fallback followed by its own fallbacks,
 * every profile once.
 */
public final class FallbackGraph {

    private final Map<String, List<String>> edges;

    /** @param edges each profile with its fallback list */
    public FallbackGraph(Map<String, List<String>> edges) {
        Map<String, List<String>> copy = new HashMap<>();
        edges.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        this.edges = Map.copyOf(copy);
    }

    /**
     * Checks the graph.
     *
     * @throws BatonException INVALID_REQUEST naming an unknown fallback or a cycle ({@code a -> b -> a})
     */
    public void validate() {
        edges.forEach((profile, targets) -> {
            for (String t : targets) {
                if (!edges.containsKey(t)) {
                    throw configError("profile '" + profile + "' falls back to unknown profile '" + t + "'");
                }
            }
        });
        findCycle().ifPresent(cycle -> {
            throw configError("fallback cycle: " + String.join(" -> ", cycle));
        });
    }

    /** A cycle as the path that closes it ({@code [a, b, a]}), if there is one. */
    public Optional<List<String>> findCycle() {
        Map<String, Integer> state = new HashMap<>();
        for (String start : edges.keySet().stream().sorted().toList()) {
            List<String> cycle = visit(start, state, new ArrayList<>());
            if (cycle != null) return Optional.of(cycle);
        }
        return Optional.empty();
    }

    private List<String> visit(String node, Map<String, Integer> state, List<String> path) {
        int s = state.getOrDefault(node, 0);
        if (s == 2) return null;
        if (s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            List<String> cycle = visit(next, state, path);
            if (cycle != null) return cycle;
        }
        path.removeLast();
        state.put(node, 2);
        return null;
    }

    /** The chain of {@code profile}: itself, then its fallbacks depth-first, each profile once. */
    public List<String> chain(String profile) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        expand(profile, out);
        return List.copyOf(out);
    }

    /** The chains of several profiles one after the other, each profile once. */
    public List<String> chain(List<String> profiles) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String p : profiles) expand(p, out);
        return List.copyOf(out);
    }

    private void expand(String profile, LinkedHashSet<String> out) {
        if (!out.add(profile)) return;
        for (String next : edges.getOrDefault(profile, List.of())) expand(next, out);
    }

    private static BatonException configError(String message) {
        return BatonException.builder(ErrorCode.INVALID_REQUEST, message)
                .suggestion("Fix the `fallback:` lists of the profiles in the configuration.")
                .build();
    }
}
