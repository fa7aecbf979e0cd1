package dev.baton.ensemble;

import dev.baton.ensemble.run.AgentModels;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A fake {@link AgentModels} for tests: replies are scripted per agent (request metadata
 * {@code agent}), optionally per {@code agent@profile}, as a sequence (the last one repeats),
 * each with a latency and either a text (may be computed from the prompt) or an error. Records
 * every request and the largest number of calls in flight at once. Like the model pipeline, it
 * fails a call with {@code TIMEOUT} at the request's deadline; it applies no retries or fallbacks
 * (those are the pipeline's: see {@link LlmAgentPipelineTest}); the engine adds output validation.
 */
public final class FakeModels implements AgentModels {

    /** One scripted answer. */
    public record Reply(Duration latency, Function<ChatRequest, String> text, ErrorCode error, Usage usage) {
    }

    private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
    private final Set<String> profiles;
    private final Set<String> providers;
    private final Map<String, Duration> profileTimeouts = new HashMap<>();
    public final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    public final List<String> profilesUsed = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** How many times a profile's timeout was asked for. */
    public final AtomicInteger profileTimeoutLookups = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public FakeModels() {
        this(Set.of("fast", "smart", "backup"), Set.of("openai", "ollama"));
    }

    public FakeModels(Set<String> profiles, Set<String> providers) {
        this.profiles = profiles;
        this.providers = providers;
    }

    public FakeModels reply(String key, String text) {
        return add(key, new Reply(Duration.ZERO, r -> text, null, Usage.of(10, 5).withCost(new BigDecimal("0.001"))));
    }

    public FakeModels replyAfter(String key, Duration latency, String text) {
        return add(key, new Reply(latency, r -> text, null, Usage.of(10, 5).withCost(new BigDecimal("0.001"))));
    }

    public FakeModels replyWith(String key, Duration latency, Function<ChatRequest, String> text) {
        return add(key, new Reply(latency, text, null, Usage.of(10, 5)));
    }

    public FakeModels fail(String key, ErrorCode code) {
        return add(key, new Reply(Duration.ZERO, null, code, null));
    }

    public FakeModels profileTimeout(String profile, Duration timeout) {
        profileTimeouts.put(profile, timeout);
        return this;
    }

    private FakeModels add(String key, Reply reply) {
        replies.computeIfAbsent(key, k -> new ArrayDeque<>()).add(reply);
        return this;
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public List<ChatRequest> requestsOf(String agent) {
        return requests.stream().filter(r -> agent.equals(r.metadata().get("agent"))).toList();
    }

    @Override
    public ChatModel forProfile(String profile) {
        if (!profiles.contains(profile)) throw new BatonException(ErrorCode.NOT_FOUND, "no profile " + profile);
        return new Model(profile, "fake", profile + "-model");
    }

    @Override
    public ChatModel forModel(String provider, String model) {
        if (!providers.contains(provider)) throw new BatonException(ErrorCode.NOT_FOUND, "no provider " + provider);
        return new Model(null, provider, model);
    }

    @Override
    public boolean hasProfile(String profile) {
        return profiles.contains(profile);
    }

    @Override
    public boolean hasProvider(String provider) {
        return providers.contains(provider);
    }

    @Override
    public Optional<Duration> profileTimeout(String profile) {
        profileTimeoutLookups.incrementAndGet();
        return Optional.ofNullable(profileTimeouts.get(profile));
    }

    private Reply next(String agent, String profile) {
        Deque<Reply> q = profile == null ? null : replies.get(agent + "@" + profile);
        if (q == null) q = replies.get(agent);
        if (q == null) q = replies.get("*");
        if (q == null) return new Reply(Duration.ZERO, r -> "reply from " + agent, null, Usage.of(1, 1));
        synchronized (q) {
            return q.size() > 1 ? q.poll() : q.peek();
        }
    }

    private final class Model implements ChatModel {
        private final String profile;
        private final String provider;
        private final String model;

        Model(String profile, String provider, String model) {
            this.profile = profile;
            this.provider = provider;
            this.model = model;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            requests.add(request);
            profilesUsed.add(profile == null ? provider + "/" + model : profile);
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                Reply reply = next(request.metadata().get("agent"), profile);
                if (!reply.latency().isZero()) pause(reply.latency(), request.deadline());
                if (reply.error() != null) throw new BatonException(reply.error(), "scripted " + reply.error());
                return ChatResponse.ofText(reply.text().apply(request), reply.usage(), provider, model)
                        .withProfile(profile);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw BatonException.builder(ErrorCode.TIMEOUT, "interrupted").build();
            } finally {
                inFlight.decrementAndGet();
            }
        }

        /** Waits out the latency, or fails with TIMEOUT at the request's deadline, as a pipeline would. */
        private static void pause(Duration latency, java.time.Instant deadline) throws InterruptedException {
            Duration allowed = deadline == null ? latency : Duration.between(java.time.Instant.now(), deadline);
            if (allowed.compareTo(latency) >= 0) {
                Thread.sleep(latency);
                return;
            }
            if (allowed.isPositive()) Thread.sleep(allowed);
            throw BatonException.builder(ErrorCode.TIMEOUT, "deadline " + deadline + " reached").retriable(false).build();
        }

        @Override
        public ChatStream stream(ChatRequest request) {
            throw new UnsupportedOperationException("the engine does not stream");
        }

        @Override
        public ModelInfo info() {
            return new ModelInfo(provider, model, 8192, 1024, Set.of(), null);
        }
    }
}
