package dev.baton.context.memory;

import dev.baton.llm.ChatModel;
import dev.baton.llm.EmbeddingModel;
import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import javax.sql.DataSource;
import java.util.List;

/**
 * What a project memory is opened with: the project root whose files are indexed, the folder the
 * index lives in, the store database of the facts and summary cache, folders to leave out of the
 * index, the largest file indexed, an embedding model for hybrid search (null: BM25 only) and a
 * model with its profile name that writes file summaries (null: summaries are refused).
 */
public record MemorySettings(Path projectRoot, Path indexDir, DataSource database, List<Path> excluded, long maxFileBytes,
                             @Nullable EmbeddingModel embedder, @Nullable ChatModel summarizer,
                             @Nullable String summaryProfile) {

    public MemorySettings {
        projectRoot = projectRoot.toAbsolutePath().normalize();
        excluded = excluded.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        if (maxFileBytes < 1) throw new IllegalArgumentException("maxFileBytes: must be positive");
    }
}
