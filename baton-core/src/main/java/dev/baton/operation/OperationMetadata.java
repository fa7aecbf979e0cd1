package dev.baton.operation;

import dev.baton.llm.Usage;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * How an operation's response was made: wall time, the models that answered
 * ({@code provider/model}, in order, each once), the mode, the tokens used and their cost (null when
 * unknown), and for an agentic operation the ensemble and the id of its last run (a repaired
 * response takes a second run).
 */
public record OperationMetadata(Duration duration, List<String> models, OperationMode mode, Usage usage,
                                @Nullable BigDecimal costUsd, @Nullable String ensemble,
                                @Nullable String runId) {

    public OperationMetadata {
        models = List.copyOf(models);
    }
}
