package dev.baton.llm;

/**
 * What the vectors are for; providers that tune embeddings by task (Gemini's {@code taskType},
 * Cohere's {@code input_type}) are told, the others ignore it.
 */
public enum EmbeddingPurpose {
    /** Texts to be stored and searched. */
    DOCUMENT,
    /** A search query matched against stored documents. */
    QUERY
}
