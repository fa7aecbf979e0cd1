package dev.baton.pipeline.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.Prices;
import dev.baton.llm.Usage;

import java.util.Map;
import dev.baton.pipeline.TokenEstimator;

/**
 * Completes a response's usage for the ledger and budgets: the cost at the answering profile's
 * prices when the provider did not report one, and an estimated input size when a stream ended
 * without usage (the output size is already estimated from the text seen).
 */
public final class UsagePricing {

    private final Map<String, Prices> pricesByProfile;
    private final TokenEstimator estimator;

    public UsagePricing(Map<String, Prices> pricesByProfile, TokenEstimator estimator) {
        this.pricesByProfile = pricesByProfile;
        this.estimator = estimator;
    }

    ChatResponse complete(ChatRequest request, ChatResponse response, String entryProfile) {
        Usage usage = response.usage();
        Usage completed = usage;
        if (usage.estimated() && usage.inputTokens() == 0) {
            completed = new Usage(estimator.estimateInputTokens(request), usage.outputTokens(), 0, 0,
                    usage.reasoningTokens(), usage.costUsd(), true);
        }
        if (completed.costUsd() == null) {
            Prices prices = pricesByProfile.get(response.profile() != null ? response.profile() : entryProfile);
            if (prices != null) completed = completed.withCost(prices.cost(completed));
        }
        return completed == usage ? response : response.withUsage(completed);
    }
}
