package dev.baton.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds a cycle in profiles' fallback lists, shown as {@code a -> b -> a}. */
final class FallbackCycles {

    private FallbackCycles() {
    }

    static Optional<String> find(Map<String, BatonConfig.ProfileConfig> profiles) {
        Set<String> done = new HashSet<>();
        for (String start : profiles.keySet()) {
            List<String> path = new ArrayList<>();
            Optional<String> cycle = visit(start, profiles, path, new HashSet<>(), done);
            if (cycle.isPresent()) return cycle;
        }
        return Optional.empty();
    }

    private static Optional<String> visit(String name, Map<String, BatonConfig.ProfileConfig> profiles,
                                          List<String> path, Set<String> onPath, Set<String> done) {
        if (onPath.contains(name)) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            loop.add(name);
            return Optional.of(String.join(" -> ", loop));
        }
        if (done.contains(name) || !profiles.containsKey(name)) return Optional.empty();
        path.add(name);
        onPath.add(name);
        for (String next : profiles.get(name).fallback()) {
            Optional<String> c = visit(next, profiles, path, onPath, done);
            if (c.isPresent()) return c;
        }
        path.remove(path.size() - 1);
        onPath.remove(name);
        done.add(name);
        return Optional.empty();
    }
}
