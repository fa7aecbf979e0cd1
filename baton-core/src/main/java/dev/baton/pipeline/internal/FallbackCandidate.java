package dev.baton.pipeline.internal;

import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ModelInfo;

import java.util.Objects;

/**
 * One step of a fallback chain: the profile name, its own decorated model (retry and cooldown
 * included), what the model is, and the profile's default {@code maxTokens} ({@code null}: none).
 * {@code primary} is false for every candidate after the first: those never inherit the caller's
 * model override, which names a model of the first profile's provider.
 */
public record FallbackCandidate(String profile, ChatModel model, ModelInfo info, Integer maxTokens, boolean primary) {

    public FallbackCandidate {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(info, "info");
    }

    /** The request as this candidate sends it: the profile's maxTokens default, no foreign model override. */
    ChatRequest adapt(ChatRequest request) {
        boolean dropModel = !primary && request.model() != null;
        boolean addMaxTokens = request.maxTokens() == null && maxTokens != null;
        if (!dropModel && !addMaxTokens) return request;
        ChatRequest.Builder b = request.toBuilder();
        if (dropModel) b.model(null);
        if (addMaxTokens) b.maxTokens(maxTokens);
        return b.build();
    }

    /** Whether the estimated input fits this model's context window (an unknown window fits). */
    boolean fits(long estimatedInputTokens) {
        return info.contextWindow() <= 0 || estimatedInputTokens <= info.contextWindow();
    }

    public FallbackCandidate asFallback() {
        return primary ? new FallbackCandidate(profile, model, info, maxTokens, false) : this;
    }
}
