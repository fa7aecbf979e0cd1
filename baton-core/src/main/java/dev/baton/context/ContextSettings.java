package dev.baton.context;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import org.jspecify.annotations.Nullable;

import java.util.Locale;

/**
 * The {@code context:} settings with their defaults: what to do with history that does not fit
 * ({@code history}, default drop), the tokens kept free for the answer when the profile sets no
 * {@code max_tokens} ({@code output_reserve_tokens}, default 1024), the most messages a
 * conversation keeps ({@code retention_messages}, default unlimited: 0), the profile that writes
 * summaries ({@code summary_profile}, default the conversation's own), whether Anthropic's and
 * Gemini's token-count endpoints are used ({@code count_endpoints}, default true) and from which
 * estimated size a count is worth a call ({@code count_endpoint_min_tokens}, default 2000).
 */
public record ContextSettings(HistoryPolicy history, int outputReserveTokens, int retentionMessages,
                              @Nullable String summaryProfile, boolean countEndpoints, int countEndpointMinTokens) {

    public static final ContextSettings DEFAULT = new ContextSettings(HistoryPolicy.DROP, 1024, 0, null, true, 2000);

    public ContextSettings {
        if (outputReserveTokens < 0) throw new ConfigException("context.output_reserve_tokens: must not be negative, got " + outputReserveTokens);
        if (retentionMessages < 0) throw new ConfigException("context.retention_messages: must not be negative, got " + retentionMessages);
        if (countEndpointMinTokens < 0) {
            throw new ConfigException("context.count_endpoint_min_tokens: must not be negative, got " + countEndpointMinTokens);
        }
    }

    /** The settings of {@code config} ({@code null}: every default); a bad value names its key. */
    public static ContextSettings of(BatonConfig.@Nullable ContextConfig config) {
        if (config == null) return DEFAULT;
        ContextSettings d = DEFAULT;
        return new ContextSettings(history(config.history()),
                config.outputReserveTokens() != null ? config.outputReserveTokens() : d.outputReserveTokens(),
                config.retentionMessages() != null ? config.retentionMessages() : d.retentionMessages(),
                config.summaryProfile() != null && !config.summaryProfile().isBlank() ? config.summaryProfile().strip() : null,
                config.countEndpoints() != null ? config.countEndpoints() : d.countEndpoints(),
                config.countEndpointMinTokens() != null ? config.countEndpointMinTokens() : d.countEndpointMinTokens());
    }

    private static HistoryPolicy history(@Nullable String value) {
        if (value == null) return DEFAULT.history();
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "drop" -> HistoryPolicy.DROP;
            case "summarise", "summarize" -> HistoryPolicy.SUMMARISE;
            default -> throw new ConfigException("context.history: unknown value '" + value + "' (known: drop, summarise)");
        };
    }
}
