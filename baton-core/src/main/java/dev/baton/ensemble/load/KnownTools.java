package dev.baton.ensemble.load;

import dev.baton.error.EditDistance;
import dev.baton.tool.ToolGlob;
import org.jspecify.annotations.Nullable;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the validator checks an agent's {@code tools:} against: the names of the tools available
 * without starting anything (built-in and registered tools), and the configured MCP servers
 * ({@code mcp_servers:}), whose tools are known only once the server runs. Validation never
 * starts a server: {@code SERVER.TOOL} and globs such as {@code SERVER.*} are accepted for a
 * configured server and checked when the agent runs.
 */
public record KnownTools(Set<String> names, Set<String> servers) {

    public KnownTools {
        names = Set.copyOf(names);
        servers = Set.copyOf(servers);
    }

    /** Why {@code pattern} (a name or a glob) names no tool; empty when it names one or may. */
    public Optional<String> problem(String pattern) {
        if (deferred(pattern)) return Optional.empty();
        if (ToolGlob.isGlob(pattern)) {
            if (names.stream().anyMatch(n -> ToolGlob.matches(pattern, n))) return Optional.empty();
            return Optional.of("tool pattern '" + pattern + "' matches no available tool" + known());
        }
        if (names.contains(pattern)) return Optional.empty();
        String near = closest(pattern);
        return Optional.of("unknown tool '" + pattern + "'"
                + (near != null ? " (did you mean '" + near + "'?)" : "") + known());
    }

    /** {@code SERVER.TOOL} or {@code SERVER.glob} of a configured MCP server: checked at run time. */
    private boolean deferred(String pattern) {
        int dot = pattern.indexOf('.');
        return dot > 0 && servers.contains(pattern.substring(0, dot));
    }

    private String known() {
        return "; known tools: " + String.join(", ", new TreeSet<>(names))
                + (servers.isEmpty() ? "" : ", and SERVER.TOOL of the MCP servers " + String.join(", ", new TreeSet<>(servers)));
    }

    private @Nullable String closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(names)) {
            int d = EditDistance.between(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }
}
