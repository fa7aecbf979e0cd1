package dev.baton.llm;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** Texts to embed (at least one), what they are for, and an optional deadline for the call. */
public record EmbeddingRequest(List<String> inputs, EmbeddingPurpose purpose, @Nullable Instant deadline) {

    public EmbeddingRequest {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) throw new IllegalArgumentException("inputs: at least one text to embed");
    }

    public static EmbeddingRequest of(List<String> inputs, EmbeddingPurpose purpose) {
        return new EmbeddingRequest(inputs, purpose, null);
    }
}
