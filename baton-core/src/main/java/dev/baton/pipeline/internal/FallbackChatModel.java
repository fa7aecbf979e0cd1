package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import dev.baton.pipeline.TokenEstimator;

/**
 * Tries a chain of profiles in order. It moves on after a retriable failure (the candidate's own
 * retries are already spent), {@code MODEL_UNAVAILABLE} (cooldown included), {@code VALIDATION}
 * (malformed output) and context overflow ({@code ErrorReason.CONTEXT_OVERFLOW}: only candidates
 * with a larger window are tried next); candidates whose window is smaller than the estimated
 * input are skipped. Any other failure, or any failure once the deadline has passed, ends the call.
 * The answer names the profile that answered and lists every step given up on
 * ({@link ChatResponse#fallbacks()}); a failure that ends the call carries the earlier failures
 * as suppressed exceptions. A stream switches model only before its first chunk reached the caller.
 */
public final class FallbackChatModel implements ChatModel {

    private final List<FallbackCandidate> chain;
    private final TokenEstimator estimator;
    private final Clock clock;

    public FallbackChatModel(List<FallbackCandidate> chain, TokenEstimator estimator, Clock clock) {
        if (chain.isEmpty()) throw new IllegalArgumentException("a fallback chain needs at least one profile");
        this.chain = List.copyOf(chain);
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The profile names of the chain, in order. */
    public List<String> profiles() {
        return chain.stream().map(FallbackCandidate::profile).toList();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        FallbackTrail trail = new FallbackTrail(chain, request, estimator, clock);
        for (FallbackCandidate c : chain) {
            if (!trail.eligible(c)) continue;
            try {
                ChatResponse response = c.model().chat(c.adapt(request)).withProfile(c.profile());
                return trail.steps().isEmpty() ? response : response.withFallbacks(trail.steps());
            } catch (BatonException e) {
                trail.failed(c, e);
            }
        }
        throw trail.exhausted();
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        FallbackStream stream = new FallbackStream(new FallbackTrail(chain, request, estimator, clock), request);
        stream.start(stream::openNext);
        return stream;
    }

    @Override
    public ModelInfo info() {
        return chain.getFirst().info();
    }

    private final class FallbackStream extends ResumableChatStream {
        private final FallbackTrail trail;
        private final ChatRequest request;
        private int index = -1;

        FallbackStream(FallbackTrail trail, ChatRequest request) {
            this.trail = trail;
            this.request = request;
        }

        @Override
        protected ChatStream reopen(BatonException failure) {
            trail.failed(chain.get(index), failure);
            return openNext();
        }

        /** Opens the next eligible candidate's stream, recording failures to open. */
        ChatStream openNext() {
            while (++index < chain.size()) {
                FallbackCandidate c = chain.get(index);
                if (!trail.eligible(c)) continue;
                try {
                    return c.model().stream(c.adapt(request));
                } catch (BatonException e) {
                    trail.failed(c, e);
                }
            }
            throw trail.exhausted();
        }

        @Override
        public ChatResponse response() {
            ChatResponse r = super.response();
            if (index >= 0 && index < chain.size()) r = r.withProfile(chain.get(index).profile());
            return trail.steps().isEmpty() ? r : r.withFallbacks(trail.steps());
        }
    }
}
