package dev.baton.routing.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import dev.baton.routing.RoutingRules;

/**
 * Picks the profile of a call. By task type: the first profile of the task type's route whose
 * context window holds the estimated input (an unknown window, 0, always fits); if none does, the
 * one with the largest window, whose fallbacks may go larger still. Without a task type, or for one
 * without a rule: the default profile. A caller may instead name a profile or an alias
 * ({@link #resolve}). Immutable and thread-safe.
 */
public final class Router {

    private final RoutingRules rules;
    private final Map<String, Integer> contextWindows;

    /**
     * @param contextWindows every known profile with its model's context window
     * @throws BatonException INVALID_REQUEST when a rule, the default or an alias names an unknown profile
     */
    public Router(RoutingRules rules, Map<String, Integer> contextWindows) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.contextWindows = Map.copyOf(contextWindows);
        validate();
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        if (!contextWindows.containsKey(rules.defaultProfile())) {
            problems.add("default profile '" + rules.defaultProfile() + "' is not defined");
        }
        rules.taskTypes().forEach((task, profiles) -> profiles.stream().filter(p -> !contextWindows.containsKey(p))
                .forEach(p -> problems.add("routing of task type '" + task + "' names unknown profile '" + p + "'")));
        rules.aliases().forEach((alias, p) -> {
            if (!contextWindows.containsKey(p)) problems.add("alias '" + alias + "' names unknown profile '" + p + "'");
        });
        if (!problems.isEmpty()) {
            throw BatonException.builder(ErrorCode.INVALID_REQUEST, "invalid routing: " + String.join("; ", problems))
                    .suggestion("Define the profiles under `profiles:` or fix the names under `routing:`/`aliases:`.")
                    .build();
        }
    }

    public RoutingRules rules() {
        return rules;
    }

    /** The profile for a call of {@code taskType} ({@code null}: none) with this much input. */
    public @Nullable String route(@Nullable String taskType, long estimatedInputTokens) {
        List<String> candidates = routeOf(taskType);
        String largest = null;
        int largestWindow = -1;
        for (String p : candidates) {
            int window = contextWindows.get(p);
            if (window <= 0 || estimatedInputTokens <= window) return p;
            if (window > largestWindow) {
                largest = p;
                largestWindow = window;
            }
        }
        return largest;
    }

    /** The profiles configured for {@code taskType}, in order; the default profile alone without a rule. */
    public List<String> routeOf(@Nullable String taskType) {
        List<String> route = taskType == null ? null : rules.taskTypes().get(taskType);
        return route == null ? List.of(rules.defaultProfile()) : route;
    }

    /**
     * The profile named by {@code profileOrAlias}: a profile name first, then an alias.
     *
     * @throws BatonException NOT_FOUND naming the known profiles and aliases
     */
    public String resolve(String profileOrAlias) {
        if (contextWindows.containsKey(profileOrAlias)) return profileOrAlias;
        String target = rules.aliases().get(profileOrAlias);
        if (target != null) return target;
        Set<String> known = new TreeSet<>(contextWindows.keySet());
        known.addAll(rules.aliases().keySet());
        throw BatonException.builder(ErrorCode.NOT_FOUND, "unknown profile or alias '" + profileOrAlias + "'")
                .suggestion("Known profiles and aliases: " + String.join(", ", known) + ".")
                .build();
    }

    public String defaultProfile() {
        return rules.defaultProfile();
    }
}
