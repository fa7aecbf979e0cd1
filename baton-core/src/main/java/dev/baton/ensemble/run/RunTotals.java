package dev.baton.ensemble.run;

import dev.baton.llm.Usage;
import java.math.BigDecimal;
import java.time.Duration;

/** A run's sums: usage (with cost when known), agents per status, and wall time. */
public record RunTotals(Usage usage, int completed, int failed, int skipped, int cancelled, Duration duration) {

    public BigDecimal costUsd() {
        return usage.costUsd();
    }
}
