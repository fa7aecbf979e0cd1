package dev.baton.context.memory;

/**
 * A piece of a project file found by a search: the path (relative to the project root,
 * '/'-separated), its 1-based inclusive line range, the declaration or heading it starts with
 * (empty when none), its text, and its rank score (higher is better; the scale depends on the mode).
 */
public record Excerpt(String path, int startLine, int endLine, String title, String text, double score) {

    /** {@code path:start-end}, as editors and {@code grep -n} show it. */
    public String location() {
        return path + ":" + startLine + "-" + endLine;
    }
}
