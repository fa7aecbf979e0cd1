package dev.baton.catalog;

import dev.baton.llm.Capability;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.ModelRef;
import dev.baton.llm.Prices;

import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One model as the catalog knows it, after every catalog file has been applied.
 *
 * <p>{@code provider} is the name the model is looked up under: a provider kind ({@code openai},
 * {@code anthropic}, {@code gemini}, {@code ollama}, {@code bedrock}, {@code scripted}) or, for a
 * service reached through another kind's adapter, that service's conventional name ({@code mistral},
 * {@code deepseek}, {@code xai}); {@code kind} is then the adapter ({@code openai}). For Baton's own
 * kinds the two are equal.
 *
 * <p>{@code maxOutputTokens} is 0 when the provider states no separate output limit (the output may
 * then use whatever the context window leaves). {@code prices} and {@code pricesAsOf} are null when
 * unknown. {@code source} names the file that last changed this entry.
 */
public record CatalogEntry(String provider, String kind, String model, List<String> aliases, int contextWindow,
                           int maxOutputTokens, Set<Capability> capabilities, Prices prices, LocalDate pricesAsOf,
                           String description, String source) {

    public CatalogEntry {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        kind = kind == null ? provider : kind;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        // EnumSet keeps the declaration order, so listings print capabilities in a stable order.
        capabilities = capabilities == null || capabilities.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    }

    /** {@code provider/model}. */
    public ModelRef ref() {
        return new ModelRef(provider, model);
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    public Optional<Prices> pricesIfKnown() {
        return Optional.ofNullable(prices);
    }

    /** The output limit to plan with: the stated one, else the whole context window. */
    public int effectiveMaxOutputTokens() {
        return maxOutputTokens > 0 ? maxOutputTokens : contextWindow;
    }

    /** This entry as {@link ModelInfo} under its own provider and model id. */
    public ModelInfo toModelInfo() {
        return toModelInfo(ref());
    }

    /**
     * This entry as {@link ModelInfo} named {@code as}: the configured provider name and the id the
     * caller asked for (an alias or a dated snapshot keeps its own id on the wire).
     */
    public ModelInfo toModelInfo(ModelRef as) {
        return new ModelInfo(as.provider(), as.model(), contextWindow, effectiveMaxOutputTokens(), capabilities, prices);
    }
}
