package dev.baton.context.memory;

/** How a search ranked its candidates. */
public enum SearchMode {
    /** Lucene BM25 over the chunks' text, titles and paths. */
    BM25,
    /** BM25 and embedding vectors (HNSW), fused by reciprocal rank. */
    HYBRID
}
