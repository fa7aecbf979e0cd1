package dev.baton.usage;

/**
 * Who a call is charged to: the profile it entered the pipeline through, that profile's provider
 * and credential name ({@code null}: none), and the run ({@code null}: none).
 */
public record BudgetSubject(String profile, String provider, String apiKey, String runId) {

    /** The key of {@code scope} for this call, or {@code null} when the call has none. */
    String keyOf(BudgetScope scope) {
        return switch (scope) {
            case PROJECT -> "*";
            case PROFILE -> profile;
            case PROVIDER -> provider;
            case API_KEY -> apiKey;
            case RUN -> runId;
        };
    }
}
