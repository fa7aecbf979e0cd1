package dev.baton.usage;

import org.jspecify.annotations.Nullable;

/**
 * Who a call is charged to: the profile it entered the pipeline through, that profile's provider
 * and credential name ({@code apiKey}; {@code null}: none), the run ({@code null}: none), and the
 * Baton API key the call was made with ({@code batonKey}, the key's id; {@code null}: a call not
 * made on behalf of an HTTP caller). Scope {@code API_KEY} counts per Baton key when the call has
 * one, else per credential name.
 */
public record BudgetSubject(String profile, String provider, @Nullable String apiKey, @Nullable String runId,
                            @Nullable String batonKey) {

    /** A call without a Baton API key. */
    public BudgetSubject(String profile, String provider, @Nullable String apiKey, @Nullable String runId) {
        this(profile, provider, apiKey, runId, null);
    }

    /** This subject for a call of run {@code runId} made with the Baton key {@code batonKey} (either may be null). */
    public BudgetSubject withCall(@Nullable String runId, @Nullable String batonKey) {
        if (runId == null && batonKey == null) return this;
        return new BudgetSubject(profile, provider, apiKey, runId != null ? runId : this.runId,
                batonKey != null ? batonKey : this.batonKey);
    }

    /** The key of {@code scope} for this call, or {@code null} when the call has none. */
    @Nullable String keyOf(BudgetScope scope) {
        return switch (scope) {
            case PROJECT -> "*";
            case PROFILE -> profile;
            case PROVIDER -> provider;
            case API_KEY -> batonKey != null ? batonKey : apiKey;
            case RUN -> runId;
        };
    }
}
