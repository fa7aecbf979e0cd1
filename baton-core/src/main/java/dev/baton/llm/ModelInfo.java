package dev.baton.llm;

import java.util.Set;

/**
 * What Baton knows of a model: provider, id, context window, largest output, capabilities and
 * prices ({@code null} when unknown).
 */
public record ModelInfo(String provider, String model, int contextWindow, int maxOutputTokens,
                        Set<Capability> capabilities, Prices prices) {
    public ModelInfo {
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
    }

    public ModelRef ref() {
        return new ModelRef(provider, model);
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }
}
