package dev.baton.context.memory;

import dev.baton.context.memory.internal.DefaultProjectMemory;

import java.util.List;

/**
 * The memory of one project: facts set by people and agents, and retrieval over the project's
 * files. The file index is on disk and updated incrementally: {@link #reindex()} re-reads only
 * files whose modification time or size changed and re-indexes only those whose content hash
 * changed; a {@link #search} runs one such update first when the last one is more than 30 seconds
 * old (or there was none in this instance), so results follow edits.
 * Thread-safe; close it to release the index and the database.
 */
public interface ProjectMemory extends AutoCloseable {

    /** Opens the memory described by {@code settings}. */
    static ProjectMemory open(MemorySettings settings) {
        return DefaultProjectMemory.open(settings);
    }

    /** Sets a fact. */
    Fact remember(String key, String text, String source);

    /** Removes a fact; false when it was not set. */
    boolean forget(String key);

    /** Every fact, by key. */
    List<Fact> facts();

    /**
     * The facts with these keys, in the order asked, as many as fit in {@code maxTokens} (each
     * counted as {@code key: text}); keys not set are listed as missing, those that did not fit as omitted.
     */
    FactsResult facts(List<String> keys, int maxTokens);

    /**
     * The chunks of project files best matching {@code query}, best first, as many as fit in
     * {@code maxTokens} (the last one cut at a line to fit). BM25, fused with vector search when
     * an embedding model is configured.
     */
    SearchResult search(String query, int maxTokens);

    /** Updates the file index now. */
    IndexStats reindex();

    /**
     * A summary of one project file ({@code path} relative to the root), written by the summary
     * profile and cached by content hash: an unchanged file is summarised once.
     *
     * @throws IllegalArgumentException when the path is outside the project, not a file, or binary
     * @throws IllegalStateException when no summary profile is configured
     */
    FileSummary summary(String path);

    /** The mode searches run in. */
    SearchMode mode();

    @Override
    void close();
}
