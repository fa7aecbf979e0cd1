package dev.baton.context.internal;

import dev.baton.config.ResolvedProfile;
import dev.baton.context.ContextSettings;
import dev.baton.context.TokenCounter;
import dev.baton.pipeline.internal.OpenAiTokenCounts;
import dev.baton.provider.ProviderSettings;
import tools.jackson.databind.ObjectMapper;

import java.net.http.HttpClient;

/** Picks a profile's token counter: a cheap local one for fitting pieces, and the one for final counts. */
public final class TokenCounters {

    private TokenCounters() {
    }

    /** jtokkit when the model runs on OpenAI's own API with a known tokenizer, else the estimate. */
    public static TokenCounter local(ResolvedProfile p) {
        ProviderSettings ps = p.provider();
        return OpenAiTokenCounts.forDeployment(ps.kind(), ps.baseUrl(), p.model())
                .<TokenCounter>map(JtokkitTokenCounter::new).orElse(EstimatedTokenCounter.INSTANCE);
    }

    /**
     * {@link #local} for OpenAI; the count endpoint for Anthropic and Gemini when a key is set and
     * the settings allow it; the estimate otherwise.
     */
    public static TokenCounter exact(ResolvedProfile p, ContextSettings settings, ObjectMapper json, HttpClient http) {
        ProviderSettings ps = p.provider();
        if (settings.countEndpoints() && ps.apiKey() != null) {
            if ("anthropic".equals(ps.kind())) return new AnthropicTokenCounter(ps, p.model(), json, http, settings.countEndpointMinTokens());
            if ("gemini".equals(ps.kind())) return new GeminiTokenCounter(ps, p.model(), json, http, settings.countEndpointMinTokens());
        }
        return local(p);
    }
}
