package dev.baton.artifact;

import dev.baton.ensemble.run.RunResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A stored run read back: where it is, the result, the raw {@code execution.json} and, when it was
 * read from the store rather than from disk, its {@code execution.md} (null: read the file at
 * {@link ArtifactRef#executionMarkdown()}).
 */
public record StoredRun(ArtifactRef ref, RunResult result, JsonNode json, @Nullable String markdown) {

    /** A run read from its files on disk. */
    public StoredRun(ArtifactRef ref, RunResult result, JsonNode json) {
        this(ref, result, json, null);
    }
}
