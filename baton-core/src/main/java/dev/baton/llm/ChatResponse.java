package dev.baton.llm;

import java.time.Duration;
import java.util.List;

/**
 * The answer to one chat call. {@code text} is the visible content; {@code reasoning} holds
 * thinking or reasoning output the provider returned separately (never mixed into text).
 * {@code model} is the model that actually answered, {@code profile} the profile it was reached
 * through (null outside a pipeline), {@code responseId} the provider's own id for the response.
 * {@code fallbacks} lists the models tried and given up on before this one.
 */
public record ChatResponse(String text, List<ToolCall> toolCalls, FinishReason finishReason, Usage usage,
                           String provider, String model, String profile, String responseId, String reasoning,
                           Duration latency, Duration timeToFirstToken, List<FallbackStep> fallbacks) {

    public ChatResponse {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        finishReason = finishReason == null ? FinishReason.STOP : finishReason;
        usage = usage == null ? Usage.ZERO : usage;
        latency = latency == null ? Duration.ZERO : latency;
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    /** A plain text answer with the given usage. */
    public static ChatResponse ofText(String text, Usage usage, String provider, String model) {
        return new ChatResponse(text, List.of(), FinishReason.STOP, usage, provider, model, null, null, null,
                Duration.ZERO, null, List.of());
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    public ChatResponse withUsage(Usage newUsage) {
        return new ChatResponse(text, toolCalls, finishReason, newUsage, provider, model, profile, responseId,
                reasoning, latency, timeToFirstToken, fallbacks);
    }

    public ChatResponse withProfile(String newProfile) {
        return new ChatResponse(text, toolCalls, finishReason, usage, provider, model, newProfile, responseId,
                reasoning, latency, timeToFirstToken, fallbacks);
    }

    public ChatResponse withTiming(Duration newLatency, Duration newTtft) {
        return new ChatResponse(text, toolCalls, finishReason, usage, provider, model, profile, responseId,
                reasoning, newLatency, newTtft, fallbacks);
    }

    public ChatResponse withFallbacks(List<FallbackStep> newFallbacks) {
        return new ChatResponse(text, toolCalls, finishReason, usage, provider, model, profile, responseId,
                reasoning, latency, timeToFirstToken, newFallbacks);
    }

    public ChatResponse withText(String newText) {
        return new ChatResponse(newText, toolCalls, finishReason, usage, provider, model, profile, responseId,
                reasoning, latency, timeToFirstToken, fallbacks);
    }
}
