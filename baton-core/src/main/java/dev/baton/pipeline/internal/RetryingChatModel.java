package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import dev.baton.pipeline.RetryPolicy;

/**
 * Retries retriable failures of the model it wraps under a {@link RetryPolicy}: exponential
 * backoff with full jitter, the provider's Retry-After honoured (capped), a maximum number of
 * attempts, a total retry budget and the request's deadline. Whether a failure is retried is
 * decided from {@link BatonException#retriable()} (which defaults from the code), never from its
 * message; a cancelled or interrupted call is never retried. A request's
 * {@link dev.baton.llm.CallPolicy#maxAttempts()} replaces the policy's number of attempts. A stream is retried only while no
 * chunk has reached the caller. When it gives up it throws the last failure unchanged.
 */
public final class RetryingChatModel implements ChatModel {

    private final ChatModel delegate;
    private final RetryPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private final java.util.function.Consumer<BatonException> onRetry;

    public RetryingChatModel(ChatModel delegate, RetryPolicy policy, Clock clock) {
        this(delegate, policy, clock, (RandomGenerator) null);
    }

    /** @param onRetry told of each failure it is about to retry (metrics); must not block */
    public RetryingChatModel(ChatModel delegate, RetryPolicy policy, Clock clock,
                             java.util.function.Consumer<BatonException> onRetry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = null;
        this.onRetry = Objects.requireNonNull(onRetry, "onRetry");
    }

    /** With a given generator for the jitter; it must be thread-safe if calls run concurrently. */
    RetryingChatModel(ChatModel delegate, RetryPolicy policy, Clock clock, RandomGenerator random) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = random;
        this.onRetry = e -> { };
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        if (policyFor(request).maxAttempts() == 1) return delegate.chat(request);
        RetrySchedule schedule = schedule(request);
        while (true) {
            try {
                return delegate.chat(request);
            } catch (BatonException e) {
                schedule.sleep(schedule.next(e), e);
            }
        }
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        if (policyFor(request).maxAttempts() == 1) return delegate.stream(request);
        RetrySchedule schedule = schedule(request);
        RetryingStream stream = new RetryingStream(request, schedule);
        stream.start(() -> stream.openAfter(null));
        return stream;
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    private RetrySchedule schedule(ChatRequest request) {
        // Without an injected generator (tests inject a seeded one), each call draws from its
        // thread's own generator: no contention, no shared mutable state.
        RandomGenerator r = random != null ? random : ThreadLocalRandom.current();
        return new RetrySchedule(policyFor(request), clock, r, request.deadline(), onRetry);
    }

    /** The profile's policy, with the caller's number of attempts when the request sets one. */
    private RetryPolicy policyFor(ChatRequest request) {
        Integer attempts = request.policy().maxAttempts();
        return attempts == null ? policy : policy.withMaxAttempts(attempts);
    }

    private final class RetryingStream extends ResumableChatStream {
        private final ChatRequest request;
        private final RetrySchedule schedule;

        RetryingStream(ChatRequest request, RetrySchedule schedule) {
            this.request = request;
            this.schedule = schedule;
        }

        @Override
        protected ChatStream reopen(BatonException failure) {
            return openAfter(failure);
        }

        /** Opens a stream, first waiting out {@code failure} if there was one; retries failures to open. */
        ChatStream openAfter(BatonException failure) {
            BatonException last = failure;
            while (true) {
                if (last != null) schedule.sleep(schedule.next(last), last);
                try {
                    return delegate.stream(request);
                } catch (BatonException e) {
                    last = e;
                }
            }
        }
    }
}
