package dev.baton.ensemble.load.internal;

import dev.baton.ensemble.load.EnsembleCatalog;
import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.ensemble.load.EnsembleValidator;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks across ensembles, for {@link EnsembleValidator}: every {@code ensemble:} and
 * {@code loop.body} names a known ensemble, no ensemble uses itself through others
 * ({@code a -> b -> a}), and nesting stays within the depth limit.
 */
public final class ReferenceChecks {

    private final EnsembleCatalog catalog;
    private final int maxDepth;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Optional<EnsembleSpec>> found = new HashMap<>();
    private final Map<String, EnsembleSpec> reachable = new LinkedHashMap<>();
    private final java.util.Set<String> reportedCycles = new java.util.HashSet<>();

    public ReferenceChecks(EnsembleCatalog catalog, int maxDepth) {
        this.catalog = catalog;
        this.maxDepth = maxDepth;
    }

    public List<Problem> check(EnsembleSpec root) {
        List<String> path = new ArrayList<>(List.of(root.name()));
        walk(root, path);
        return problems;
    }

    /** Child ensembles reached from the root (found and parsed). */
    public List<EnsembleSpec> reachable() {
        return List.copyOf(reachable.values());
    }

    private void walk(EnsembleSpec spec, List<String> path) {
        for (AgentSpec a : spec.agents()) {
            String ref = a.ensemble() != null ? a.ensemble() : a.loop() != null ? a.loop().body() : null;
            if (ref == null) continue;
            String key = a.ensemble() != null ? "ensemble" : "loop";
            if (path.contains(ref)) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(ref), path.size()));
                cycle.add(ref);
                if (reportedCycles.add(String.join(">", cycle))) {
                    add(spec, a, key, "cross-ensemble cycle: " + String.join(" -> ", cycle));
                }
                continue;
            }
            Optional<EnsembleSpec> child = lookup(spec, a, key, ref);
            if (child.isEmpty()) continue;
            List<String> childPath = new ArrayList<>(path);
            childPath.add(ref);
            if (childPath.size() - 1 > maxDepth) {
                add(spec, a, key, "ensemble nesting depth " + (childPath.size() - 1) + " exceeds the limit of "
                        + maxDepth + ": " + String.join(" -> ", childPath));
                continue;
            }
            reachable.putIfAbsent(ref, child.get());
            walk(child.get(), childPath);
        }
    }

    private Optional<EnsembleSpec> lookup(EnsembleSpec spec, AgentSpec a, String key, String ref) {
        if (!found.containsKey(ref)) {
            try {
                Optional<EnsembleSpec> child = catalog.find(ref);
                if (child.isEmpty()) add(spec, a, key, "unknown ensemble '" + ref + "'");
                found.put(ref, child);
            } catch (EnsembleDefinitionException e) {
                problems.addAll(e.problems());
                found.put(ref, Optional.empty());
            }
        }
        return found.get(ref);
    }

    private void add(EnsembleSpec spec, AgentSpec a, String key, String message) {
        problems.add(new Problem(spec.origin(), a.name(), spec.lines().agent(a.index(), key), message));
    }
}
