package dev.baton.cli;

import dev.baton.context.TokenCount;
import dev.baton.llm.Usage;

import java.math.BigDecimal;

/** What {@code /stats} shows: this session's turns, tokens and cost, and the last turn's context size. */
final class ChatStats {

    private int turns;
    private long inputTokens;
    private long outputTokens;
    private BigDecimal cost = BigDecimal.ZERO;
    private boolean costKnown = true;
    private boolean usageEstimated;
    private TokenCount lastContext;
    private long lastBudget;

    void add(Usage usage) {
        turns++;
        inputTokens += usage.inputTokens();
        outputTokens += usage.outputTokens();
        usageEstimated |= usage.estimated();
        if (usage.costUsd() == null) costKnown = false;
        else cost = cost.add(usage.costUsd());
    }

    void context(TokenCount count, long budget) {
        lastContext = count;
        lastBudget = budget;
    }

    TokenCount lastContext() {
        return lastContext;
    }

    int turns() {
        return turns;
    }

    long inputTokens() {
        return inputTokens;
    }

    long outputTokens() {
        return outputTokens;
    }

    /** The lines {@code /stats} prints. */
    String describe(String session, String profile) {
        StringBuilder b = new StringBuilder();
        b.append("session ").append(session).append(", profile ").append(profile).append('\n');
        b.append("turns: ").append(turns).append('\n');
        b.append("tokens: ").append(inputTokens).append(" in, ").append(outputTokens).append(" out")
                .append(usageEstimated ? " (some estimated)" : "").append('\n');
        b.append("cost: ").append(costKnown ? "$" + cost.stripTrailingZeros().toPlainString() : "unknown (no prices for this model)")
                .append('\n');
        if (lastContext != null) {
            b.append("last context: ").append(lastContext.label()).append(" of ").append(lastBudget).append(" allowed\n");
        }
        return b.toString();
    }
}
