package dev.baton.config;

import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderSettings;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A profile with every reference resolved: the provider's settings (credential included), the
 * model and what is known of it, and the call defaults. {@code origin} says where it came from
 * (a config file, built in, or picked automatically and why).
 */
public record ResolvedProfile(String name, ProviderSettings provider, String model, ModelInfo info,
                              Double temperature, Integer maxTokens, Duration timeout, String systemPrompt,
                              Map<String, Object> options, List<String> fallback, String origin) {

    public ResolvedProfile {
        options = options == null ? Map.of() : Map.copyOf(options);
        fallback = fallback == null ? List.of() : List.copyOf(fallback);
    }

    /** {@code provider/model}. */
    public String modelRef() {
        return provider.name() + "/" + model;
    }
}
