package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.FallbackStep;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Usage;
import dev.baton.usage.UsageLedger;
import dev.baton.usage.UsageRecord;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import dev.baton.pipeline.CallMetadata;

/**
 * Records every call in the usage ledger: answered or failed, blocking or streamed. A streamed
 * call is recorded once, when it ends, fails or is closed; closed early, its usage is estimated
 * from the output seen (and the request size) and flagged as such. Costs missing from the
 * provider's usage are filled in from the answering profile's prices, in the response the caller
 * gets too. Latency and time to first token are measured here, around retries and fallbacks.
 */
public final class RecordingChatModel implements ChatModel {

    private final ChatModel delegate;
    private final String profile;
    private final UsageLedger ledger;
    private final UsagePricing pricing;
    private final Clock clock;

    public RecordingChatModel(ChatModel delegate, String profile, UsageLedger ledger, UsagePricing pricing, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.pricing = pricing;
        this.clock = clock;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = pricing.complete(request, delegate.chat(request), profile);
        } catch (RuntimeException e) {
            ledger.record(failure(request, e, Usage.ZERO, start, null, false));
            throw e;
        }
        ledger.record(success(request, response, start, response.timeToFirstToken(), false));
        return response;
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        long start = System.nanoTime();
        try {
            return new RecordedStream(delegate.stream(request), request, start);
        } catch (RuntimeException e) {
            ledger.record(failure(request, e, Usage.ZERO, start, null, true));
            throw e;
        }
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    private UsageRecord.Builder base(ChatRequest request, long start, Duration ttft, boolean streamed) {
        var m = request.metadata();
        return UsageRecord.builder(clock.instant())
                .runId(m.get(CallMetadata.RUN_ID)).agent(m.get(CallMetadata.AGENT))
                .session(m.get(CallMetadata.SESSION)).taskType(m.get(CallMetadata.TASK_TYPE)).apiKey(m.get(CallMetadata.API_KEY))
                .latency(Duration.ofNanos(System.nanoTime() - start)).timeToFirstToken(ttft).streamed(streamed);
    }

    private UsageRecord success(ChatRequest request, ChatResponse r, long start, Duration ttft, boolean streamed) {
        return withUsage(base(request, start, ttft, streamed), r.usage())
                .profile(r.profile() != null ? r.profile() : profile).provider(r.provider()).model(r.model())
                .fallbacks(r.fallbacks()).build();
    }

    private UsageRecord failure(ChatRequest request, RuntimeException e, Usage usage, long start, Duration ttft,
                                boolean streamed) {
        ModelInfo info = delegate.info();
        UsageRecord.Builder b = withUsage(base(request, start, ttft, streamed), usage).profile(profile)
                .provider(info.provider()).model(info.model());
        if (e instanceof BatonException be) {
            b.outcome(be.code().name()).fallbacks(stepsOf(be));
            if (be.context().provider() != null) b.provider(be.context().provider());
            if (be.context().model() != null) b.model(be.context().model());
        } else {
            b.outcome("INTERNAL");
        }
        return b.build();
    }

    private static UsageRecord.Builder withUsage(UsageRecord.Builder b, Usage u) {
        return b.inputTokens(u.inputTokens()).cachedInputTokens(u.cachedInputTokens()).outputTokens(u.outputTokens())
                .reasoningTokens(u.reasoningTokens()).costUsd(u.costUsd()).estimated(u.estimated());
    }

    /** The failures a fallback chain gave up on before the final one travel as suppressed exceptions. */
    private static List<FallbackStep> stepsOf(BatonException e) {
        Throwable[] suppressed = e.getSuppressed();
        if (suppressed.length == 0) return List.of();
        List<FallbackStep> steps = new ArrayList<>(suppressed.length);
        for (Throwable t : suppressed) {
            if (t instanceof BatonException b) steps.add(new FallbackStep(null, b.context().model(), b.code(), b.getMessage()));
        }
        return steps;
    }

    /** Records the stream once: at its end, at a failure, or when closed early. */
    private final class RecordedStream implements ChatStream {
        private final ChatStream inner;
        private final ChatRequest request;
        private final long start;
        private long firstChunkNanos = -1;
        private boolean recorded;

        RecordedStream(ChatStream inner, ChatRequest request, long start) {
            this.inner = inner;
            this.request = request;
            this.start = start;
        }

        @Override
        public boolean hasNext() {
            try {
                boolean more = inner.hasNext();
                if (!more) recordSuccess();
                return more;
            } catch (RuntimeException e) {
                recordFailure(e);
                throw e;
            }
        }

        @Override
        public ChatChunk next() {
            if (!hasNext()) throw new NoSuchElementException();
            ChatChunk chunk = inner.next();
            if (firstChunkNanos < 0) firstChunkNanos = System.nanoTime();
            return chunk;
        }

        @Override
        public ChatResponse response() {
            if (firstChunkNanos < 0 && !recorded) return inner.response();
            return pricing.complete(request, inner.response(), profile);
        }

        @Override
        public void close() {
            try {
                inner.close();
            } finally {
                recordSuccess();
            }
        }

        private Duration ttft() {
            return firstChunkNanos < 0 ? null : Duration.ofNanos(firstChunkNanos - start);
        }

        private void recordSuccess() {
            if (recorded) return;
            recorded = true;
            ledger.record(success(request, pricing.complete(request, inner.response(), profile), start, ttft(), true));
        }

        private void recordFailure(RuntimeException e) {
            if (recorded) return;
            recorded = true;
            Usage seen = firstChunkNanos < 0 ? Usage.ZERO : pricing.complete(request, inner.response(), profile).usage();
            ledger.record(failure(request, e, seen, start, ttft(), true));
        }
    }
}
