package dev.baton.provider.scripted;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.baton.llm.Prices;

import java.math.BigDecimal;

/**
 * What a scripted model reports in its {@link dev.baton.llm.ModelInfo}: context window (default
 * 128,000), largest output (default 16,384) and prices in USD per million tokens (default zero).
 * Responses carry the cost of their usage at these prices.
 */
public record ScriptedModelSettings(@JsonProperty("context_window") Integer contextWindow,
                                    @JsonProperty("max_output_tokens") Integer maxOutputTokens,
                                    @JsonProperty("prices") ScriptedPrices prices) {

    public static final int DEFAULT_CONTEXT_WINDOW = 128_000;
    public static final int DEFAULT_MAX_OUTPUT_TOKENS = 16_384;
    public static final ScriptedModelSettings DEFAULTS = new ScriptedModelSettings(null, null, null);

    public ScriptedModelSettings {
        if (contextWindow == null) contextWindow = DEFAULT_CONTEXT_WINDOW;
        if (maxOutputTokens == null) maxOutputTokens = DEFAULT_MAX_OUTPUT_TOKENS;
        if (prices == null) prices = new ScriptedPrices(null, null, null);
        if (contextWindow <= 0) throw new IllegalArgumentException("context_window must be positive, got " + contextWindow);
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("max_output_tokens must be positive, got " + maxOutputTokens);
        }
    }

    public ScriptedModelSettings withContextWindow(int tokens) {
        return new ScriptedModelSettings(tokens, maxOutputTokens, prices);
    }

    public ScriptedModelSettings withPrices(Prices newPrices) {
        return new ScriptedModelSettings(contextWindow, maxOutputTokens, new ScriptedPrices(
                newPrices.inputPerMillion(), newPrices.cachedInputPerMillion(), newPrices.outputPerMillion()));
    }

    /** The prices as Baton's value type. */
    public Prices toPrices() {
        return prices.toPrices();
    }

    /** USD per million tokens; absent input/output prices are zero, absent cached-input price is the input price. */
    public record ScriptedPrices(@JsonProperty("input_per_million") BigDecimal inputPerMillion,
                                 @JsonProperty("cached_input_per_million") BigDecimal cachedInputPerMillion,
                                 @JsonProperty("output_per_million") BigDecimal outputPerMillion) {

        public ScriptedPrices {
            if (inputPerMillion == null) inputPerMillion = BigDecimal.ZERO;
            if (outputPerMillion == null) outputPerMillion = BigDecimal.ZERO;
            if (cachedInputPerMillion == null) cachedInputPerMillion = inputPerMillion;
            if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0 || cachedInputPerMillion.signum() < 0) {
                throw new IllegalArgumentException("prices must not be negative");
            }
        }

        public Prices toPrices() {
            return new Prices(inputPerMillion, cachedInputPerMillion, outputPerMillion);
        }
    }
}
