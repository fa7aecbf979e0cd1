package dev.baton.usage;

import dev.baton.llm.FallbackStep;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One call as the usage ledger keeps it: when, for which run, agent, session and task type, on
 * behalf of which Baton API key ({@code apiKey}: the key's id, {@code null} for calls not made
 * through the HTTP server with a key), through which profile to which provider and model, the tokens, the cost in USD ({@code null}
 * when the prices are unknown), the latency and time to first token ({@code null} when no token
 * arrived), the outcome ({@link #OK} or an {@link dev.baton.error.ErrorCode} name), the fallback
 * steps before the answer, whether the figures are estimated (a stream closed early) and whether
 * the call was streamed.
 */
public record UsageRecord(Instant time, String runId, String agent, String session, String taskType, String apiKey,
                          String profile, String provider, String model, long inputTokens, long cachedInputTokens,
                          long outputTokens, long reasoningTokens, BigDecimal costUsd, Duration latency,
                          Duration timeToFirstToken, String outcome, List<FallbackStep> fallbacks, boolean estimated,
                          boolean streamed) {

    /** The outcome of a call that answered. */
    public static final String OK = "ok";

    public UsageRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
        latency = latency == null ? Duration.ZERO : latency;
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    }

    public static Builder builder(Instant time) {
        return new Builder(time);
    }

    public boolean ok() {
        return OK.equals(outcome);
    }

    /** Builder for {@link UsageRecord}; outcome defaults to {@link #OK}. */
    public static final class Builder {
        private final Instant time;
        private String runId;
        private String agent;
        private String session;
        private String taskType;
        private String apiKey;
        private String profile;
        private String provider;
        private String model;
        private long inputTokens;
        private long cachedInputTokens;
        private long outputTokens;
        private long reasoningTokens;
        private BigDecimal costUsd;
        private Duration latency;
        private Duration timeToFirstToken;
        private String outcome = OK;
        private List<FallbackStep> fallbacks = List.of();
        private boolean estimated;
        private boolean streamed;

        private Builder(Instant time) {
            this.time = time;
        }

        public Builder runId(String v) { runId = v; return this; }
        public Builder agent(String v) { agent = v; return this; }
        public Builder session(String v) { session = v; return this; }
        public Builder taskType(String v) { taskType = v; return this; }
        public Builder apiKey(String v) { apiKey = v; return this; }
        public Builder profile(String v) { profile = v; return this; }
        public Builder provider(String v) { provider = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder inputTokens(long v) { inputTokens = v; return this; }
        public Builder cachedInputTokens(long v) { cachedInputTokens = v; return this; }
        public Builder outputTokens(long v) { outputTokens = v; return this; }
        public Builder reasoningTokens(long v) { reasoningTokens = v; return this; }
        public Builder costUsd(BigDecimal v) { costUsd = v; return this; }
        public Builder latency(Duration v) { latency = v; return this; }
        public Builder timeToFirstToken(Duration v) { timeToFirstToken = v; return this; }
        public Builder outcome(String v) { outcome = v; return this; }
        public Builder fallbacks(List<FallbackStep> v) { fallbacks = v; return this; }
        public Builder estimated(boolean v) { estimated = v; return this; }
        public Builder streamed(boolean v) { streamed = v; return this; }

        public UsageRecord build() {
            return new UsageRecord(time, runId, agent, session, taskType, apiKey, profile, provider, model, inputTokens,
                    cachedInputTokens, outputTokens, reasoningTokens, costUsd, latency, timeToFirstToken, outcome,
                    fallbacks, estimated, streamed);
        }
    }
}
