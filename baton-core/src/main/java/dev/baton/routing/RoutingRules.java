package dev.baton.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Routing configuration: for each task type the profiles to use in order of preference
 * ({@code routing: {plan: [review, fast], code: [local, fast]}}), the profile used when a call has
 * no task type or an unknown one, and aliases (alias to profile name) a caller may name instead of
 * a profile.
 */
public record RoutingRules(Map<String, List<String>> taskTypes, String defaultProfile, Map<String, String> aliases) {

    public RoutingRules {
        Objects.requireNonNull(defaultProfile, "defaultProfile");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (taskTypes != null) taskTypes.forEach((k, v) -> {
            if (v == null || v.isEmpty()) throw new IllegalArgumentException("task type '" + k + "' routes to no profile");
            copy.put(k, List.copyOf(v));
        });
        taskTypes = java.util.Collections.unmodifiableMap(copy);
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
    }

    public RoutingRules(Map<String, List<String>> taskTypes, String defaultProfile) {
        this(taskTypes, defaultProfile, Map.of());
    }

    /** Everything to the one default profile. */
    public static RoutingRules defaultOnly(String defaultProfile) {
        return new RoutingRules(Map.of(), defaultProfile, Map.of());
    }
}
