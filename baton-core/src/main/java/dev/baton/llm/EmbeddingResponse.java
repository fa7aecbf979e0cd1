package dev.baton.llm;

import java.time.Duration;
import java.util.List;

/**
 * The vectors of one embedding call (one per input, in input order), the tokens it used (output
 * tokens are zero), which provider and model answered, and how long it took.
 */
public record EmbeddingResponse(List<float[]> vectors, Usage usage, String provider, String model, Duration latency) {

    public EmbeddingResponse {
        vectors = List.copyOf(vectors);
    }

    /** The dimension of the vectors (0 when there are none). */
    public int dimension() {
        return vectors.isEmpty() ? 0 : vectors.getFirst().length;
    }
}
