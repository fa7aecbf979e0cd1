package dev.baton.ensemble.spec;

import java.util.Map;

/**
 * YAML line numbers of an ensemble file, keyed by JSON pointer ({@code /agents/2/depends_on}).
 * A pointer without a line of its own answers with its nearest ancestor's line; 0 means unknown.
 */
public record SourceLines(Map<String, Integer> lines) {

    public static final SourceLines NONE = new SourceLines(Map.of());

    public SourceLines {
        lines = Map.copyOf(lines);
    }

    public int at(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) return line;
            int slash = p.lastIndexOf('/');
            if (slash <= 0) return lines.getOrDefault("", 0);
            p = p.substring(0, slash);
        }
    }

    /** The line of agent {@code index}'s key {@code key}, or of the agent itself. */
    public int agent(int index, String key) {
        return at("/agents/" + index + (key == null ? "" : "/" + key));
    }
}
