package dev.baton.llm;

/**
 * The SPI beside {@link ChatModel}: something that turns texts into vectors. Provider adapters
 * implement it; recording to the usage ledger and budgets wrap it as decorators, as for chat.
 * Implementations are thread-safe. Failures are {@link dev.baton.error.BatonException}s mapped
 * onto the same error taxonomy as chat calls.
 */
public interface EmbeddingModel {

    /** The vectors of the request's inputs, one per input in the same order, all of one dimension. */
    EmbeddingResponse embed(EmbeddingRequest request);

    /** What this model is (provider, id, prices per million input tokens). */
    ModelInfo info();
}
