package dev.baton.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The {@code memory:} section of {@code config.yaml} as written; every value is optional.
 * {@code embedding_profile} names the profile whose provider embeds chunks and queries (hybrid
 * search; without it search is BM25 only), {@code summary_profile} the profile that writes file
 * summaries, {@code max_file_bytes} the largest file indexed (1 KiB–64 MiB, default 1 MiB),
 * {@code search_tokens} the default token budget of a search (100–100000, default 2000).
 */
public record MemoryConfig(
        @JsonProperty("embedding_profile") @Nullable String embeddingProfile,
        @JsonProperty("summary_profile") @Nullable String summaryProfile,
        @JsonProperty("max_file_bytes") @Nullable Long maxFileBytes,
        @JsonProperty("search_tokens") @Nullable Integer searchTokens) {

    public static final long DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
    public static final int DEFAULT_SEARCH_TOKENS = 2000;

    public MemoryConfig {
        if (maxFileBytes != null && (maxFileBytes < 1024 || maxFileBytes > 64L * 1024 * 1024)) {
            throw new IllegalArgumentException("max_file_bytes: " + maxFileBytes + " is outside 1024 to 67108864");
        }
        if (searchTokens != null && (searchTokens < 100 || searchTokens > 100_000)) {
            throw new IllegalArgumentException("search_tokens: " + searchTokens + " is outside 100 to 100000");
        }
    }

    /** The largest file indexed, in bytes. */
    public long maxFileBytesOrDefault() {
        return maxFileBytes == null ? DEFAULT_MAX_FILE_BYTES : maxFileBytes;
    }

    /** The default token budget of a search. */
    public int searchTokensOrDefault() {
        return searchTokens == null ? DEFAULT_SEARCH_TOKENS : searchTokens;
    }
}
