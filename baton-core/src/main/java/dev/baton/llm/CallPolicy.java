package dev.baton.llm;

import java.time.Duration;
import java.util.List;

/**
 * Per-call overrides of the model pipeline's policies, carried on a {@link ChatRequest} and never
 * sent to a provider. {@code maxAttempts} replaces the retry policy's number of attempts of each
 * profile in the chain (its delays and retry budget stay); {@code fallbacks} are profiles (or
 * aliases) appended, each with its own fallback chain, to the chain the call entered, skipping
 * profiles already in it; {@code timeout} replaces the entry profile's timeout (the request's
 * {@code deadline}, if earlier, still wins). Null or empty means "the pipeline's own".
 */
public record CallPolicy(Integer maxAttempts, List<String> fallbacks, Duration timeout) {

    /** No override: the pipeline's policies apply as configured. */
    public static final CallPolicy NONE = new CallPolicy(null, List.of(), null);

    public CallPolicy {
        if (maxAttempts != null && maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }
}
