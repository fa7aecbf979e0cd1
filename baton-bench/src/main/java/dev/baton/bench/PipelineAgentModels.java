package dev.baton.bench;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.ensemble.run.AgentModels;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The ensemble engine's models, as the application provides them: each profile's model through the
 * pipeline (or, when {@code pipeline} is null, the raw models). Every call also passes an in-flight
 * counter, so the harness can act at the moment a given number of calls are waiting on the model.
 */
final class PipelineAgentModels implements AgentModels {

    private final Pipeline pipeline;
    private final Function<String, ChatModel> raw;
    private final Duration timeout;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicReference<Gate> gate = new AtomicReference<>();

    /** {@code raw} gives the unwrapped model of a profile; {@code pipeline} may be null (direct calls). */
    PipelineAgentModels(Pipeline pipeline, Function<String, ChatModel> raw, Duration timeout) {
        this.pipeline = pipeline;
        this.raw = raw;
        this.timeout = timeout;
    }

    /** A latch released when {@code calls} calls are in flight at once; resets the finished count. */
    CountDownLatch arm(int calls) {
        Gate g = new Gate(calls, new CountDownLatch(1));
        finished.set(0);
        gate.set(g);
        return g.latch();
    }

    void disarm() {
        gate.set(null);
    }

    int inFlight() {
        return inFlight.get();
    }

    int finished() {
        return finished.get();
    }

    @Override
    public ChatModel forProfile(String profile) {
        ChatModel m = pipeline != null ? pipeline.forProfile(profile) : raw.apply(profile);
        if (m == null) throw new BatonException(ErrorCode.NOT_FOUND, "unknown profile '" + profile + "'");
        return new Counted(m);
    }

    @Override
    public ChatModel forModel(String provider, String model) {
        throw new BatonException(ErrorCode.NOT_FOUND, "the harness configures profiles only");
    }

    @Override
    public boolean hasProfile(String profile) {
        return pipeline != null ? pipeline.profiles().containsKey(profile) : raw.apply(profile) != null;
    }

    @Override
    public boolean hasProvider(String provider) {
        return false;
    }

    @Override
    public Optional<Duration> profileTimeout(String profile) {
        PipelineProfile p = pipeline != null ? pipeline.profiles().get(profile) : null;
        return Optional.of(p != null ? p.timeout() : timeout);
    }

    private record Gate(int calls, CountDownLatch latch) {
    }

    /** Counts calls in flight around the model. */
    private final class Counted implements ChatModel {
        private final ChatModel delegate;

        Counted(ChatModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            int now = inFlight.incrementAndGet();
            Gate g = gate.get();
            if (g != null && now >= g.calls()) g.latch().countDown();
            try {
                return delegate.chat(request);
            } finally {
                inFlight.decrementAndGet();
                finished.incrementAndGet();
            }
        }

        @Override
        public ChatStream stream(ChatRequest request) {
            return delegate.stream(request);
        }

        @Override
        public ModelInfo info() {
            return delegate.info();
        }
    }
}
