package dev.baton.ensemble.run;

import java.util.List;
import java.util.Locale;

/**
 * One evaluated part of an ensemble's llm-orc checks: which {@code block} ({@code validation},
 * {@code seat_contract} or {@code output_schema}), which evaluator {@code layer}
 * ({@code structural}, {@code schema}, {@code quantitative}, {@code behavioral}, {@code semantic};
 * {@code deliverable} for {@code output_schema}), the verdict, and what failed (or why it was not
 * evaluated).
 */
public record CheckReport(String block, String layer, Verdict verdict, List<String> messages) {

    public CheckReport {
        messages = List.copyOf(messages);
    }

    /** How a check ended: held, did not hold, or was not evaluated (a kind Baton does not run). */
    public enum Verdict {
        PASSED, FAILED, NOT_EVALUATED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Verdict fromWire(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    public boolean failed() {
        return verdict == Verdict.FAILED;
    }
}
