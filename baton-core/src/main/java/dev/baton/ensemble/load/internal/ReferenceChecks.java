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
 * Checks across ensembles, for {@link EnsembleValidator}: every {@code ensemble:},
 * {@code loop.body} and plain-name {@code dispatch:} names a known ensemble (a
 * {@code ${agent.field}} dispatch is admitted by the same rules at run time), no ensemble uses itself through others
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

    /**
     * Checks {@code root} as a child of runs of the ensembles in {@code lineage} (top-level
     * first): a cycle back into {@code lineage}, directly or through what {@code root} uses, and
     * nesting deeper than the limit counted from the top-level run.
     */
    public List<Problem> checkUnder(List<String> lineage, EnsembleSpec root) {
        List<String> path = new ArrayList<>(lineage);
        if (path.contains(root.name())) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(root.name()), path.size()));
            cycle.add(root.name());
            problems.add(new Problem(root.origin(), null, 0, "cross-ensemble cycle: " + String.join(" -> ", cycle)));
            return problems;
        }
        path.add(root.name());
        if (path.size() - 1 > maxDepth) {
            problems.add(new Problem(root.origin(), null, 0, "ensemble nesting depth " + (path.size() - 1)
                    + " exceeds the limit of " + maxDepth + ": " + String.join(" -> ", path)));
            return problems;
        }
        walk(root, path);
        return problems;
    }

    /** Child ensembles reached from the root (found and parsed). */
    public List<EnsembleSpec> reachable() {
        return List.copyOf(reachable.values());
    }

    private void walk(EnsembleSpec spec, List<String> path) {
        for (AgentSpec a : spec.agents()) {
            String ref = a.ensemble() != null ? a.ensemble() : a.loop() != null ? a.loop().body() : fixedDispatch(a);
            if (ref == null) continue;
            String key = a.ensemble() != null ? "ensemble" : a.loop() != null ? "loop" : "dispatch";
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

    /** A dispatch target that is a plain name is known before the run, so it is checked like {@code ensemble:}. */
    private static String fixedDispatch(AgentSpec a) {
        return a.kind() instanceof dev.baton.ensemble.spec.AgentKind.Dispatch d && d.path().isEmpty()
                && !d.target().contains("${") ? d.target().strip() : null;
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
