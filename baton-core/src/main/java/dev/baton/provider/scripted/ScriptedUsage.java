package dev.baton.provider.scripted;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token counts a scripted reply reports. Each field is optional; an absent one is derived
 * deterministically (ceil(chars / 4) of the conversation for input, of the answer for output,
 * zero for cached input).
 */
public record ScriptedUsage(@JsonProperty("input_tokens") Long inputTokens,
                            @JsonProperty("output_tokens") Long outputTokens,
                            @JsonProperty("cached_input_tokens") Long cachedInputTokens) {

    public ScriptedUsage {
        requireNonNegative("input_tokens", inputTokens);
        requireNonNegative("output_tokens", outputTokens);
        requireNonNegative("cached_input_tokens", cachedInputTokens);
    }

    public static ScriptedUsage of(long inputTokens, long outputTokens) {
        return new ScriptedUsage(inputTokens, outputTokens, null);
    }

    private static void requireNonNegative(String field, Long value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, got " + value);
        }
    }
}
