package dev.baton.testkit;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import dev.baton.llm.AssemblingChatStream;
import dev.baton.llm.Capability;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;
import dev.baton.llm.Usage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted {@link ChatModel} for tests: replies and failures are played in order (then the
 * default step, again and again), with latency; every request is recorded. Waits are
 * interruptible (an interrupt raises TIMEOUT with reason CANCELLED, as a real adapter whose HTTP
 * exchange was cancelled would) and a stream's waits end when the stream is closed.
 */
public final class FakeChatModel implements ChatModel {

    private final ModelInfo info;
    private final ConcurrentLinkedQueue<Step> script = new ConcurrentLinkedQueue<>();
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger streamsClosed = new AtomicInteger();
    private volatile Function<ChatRequest, Step> otherwise = r -> Step.reply("ok");

    public FakeChatModel(ModelInfo info) {
        this.info = info;
    }

    public static FakeChatModel named(String provider, String model) {
        return new FakeChatModel(new ModelInfo(provider, model, 0, 0, Set.of(Capability.STREAMING), null));
    }

    public static FakeChatModel named(String provider, String model, int contextWindow, Prices prices) {
        return new FakeChatModel(new ModelInfo(provider, model, contextWindow, 0, Set.of(Capability.STREAMING), prices));
    }

    /** Plays these steps next, in order. */
    public FakeChatModel then(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    /** The step played when the script is used up. */
    public FakeChatModel otherwise(Step step) {
        this.otherwise = r -> step;
        return this;
    }

    /** A step computed from the request when the script is used up. */
    public FakeChatModel otherwise(Function<ChatRequest, Step> step) {
        this.otherwise = step;
        return this;
    }

    public List<ChatRequest> requests() {
        return new ArrayList<>(requests);
    }

    public int calls() {
        return requests.size();
    }

    public int streamsClosed() {
        return streamsClosed.get();
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    private Step next(ChatRequest request) {
        requests.add(request);
        Step s = script.poll();
        return s != null ? s : otherwise.apply(request);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Step step = next(request);
        sleep(step.latency());
        if (step.failure() != null) throw step.failure().get();
        return new ChatResponse(step.text(), List.of(), FinishReason.STOP, step.usage(), info.provider(), info.model(),
                null, null, null, step.latency(), null, List.of());
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        return new FakeStream(next(request));
    }

    public static BatonException error(ErrorCode code) {
        return BatonException.builder(code, "scripted " + code).build();
    }

    public static BatonException error(ErrorCode code, Duration retryAfter) {
        return BatonException.builder(code, "scripted " + code).retryAfter(retryAfter).build();
    }

    public BatonException errorHere(ErrorCode code, ErrorReason reason) {
        return BatonException.builder(code, "scripted " + code).reason(reason)
                .context(ErrorContext.ofModel(info.provider(), info.model())).build();
    }

    private static void sleep(Duration d) {
        if (d.isZero()) return;
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        }
    }

    private static BatonException cancelled() {
        return BatonException.builder(ErrorCode.TIMEOUT, "request cancelled").reason(ErrorReason.CANCELLED).build();
    }

    private final class FakeStream extends AssemblingChatStream {
        private final Step step;
        private final CountDownLatch closed = new CountDownLatch(1);
        private int emitted;
        private boolean finished;

        FakeStream(Step step) {
            super(info.provider(), info.model());
            this.step = step;
        }

        @Override
        protected ChatChunk pull() {
            if (finished) return null;
            waitFor(emitted == 0 ? step.latency() : step.chunkDelay());
            List<String> chunks = step.chunks().isEmpty() ? List.of(step.text()) : step.chunks();
            if (step.failure() != null && emitted >= step.failAfterChunks()) throw step.failure().get();
            if (emitted < chunks.size()) return ChatChunk.text(chunks.get(emitted++));
            finished = true;
            return ChatChunk.finish(FinishReason.STOP, step.usage());
        }

        private void waitFor(Duration d) {
            if (d.isZero()) return;
            try {
                if (closed.await(d.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw BatonException.builder(ErrorCode.PROVIDER_ERROR, "stream closed")
                            .reason(ErrorReason.STREAM_INTERRUPTED).retriable(false).build();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancelled();
            }
        }

        @Override
        protected void release() {
            streamsClosed.incrementAndGet();
            closed.countDown();
        }
    }

    /**
     * One scripted answer: text (or stream chunks) with usage, or a failure (for a stream: after
     * {@code failAfterChunks} chunks), after {@code latency} (for a stream: before the first chunk).
     */
    public record Step(String text, Usage usage, Duration latency, java.util.function.Supplier<BatonException> failure,
                       List<String> chunks, int failAfterChunks, Duration chunkDelay) {

        public static Step reply(String text) {
            return reply(text, Usage.of(10, 5));
        }

        public static Step reply(String text, Usage usage) {
            return new Step(text, usage, Duration.ZERO, null, List.of(), 0, Duration.ZERO);
        }

        public static Step fail(ErrorCode code) {
            return fail(() -> error(code));
        }

        public static Step fail(java.util.function.Supplier<BatonException> failure) {
            return new Step("", Usage.ZERO, Duration.ZERO, failure, List.of(), 0, Duration.ZERO);
        }

        public static Step chunks(String... chunks) {
            return new Step(String.join("", chunks), Usage.of(10, chunks.length), Duration.ZERO, null, List.of(chunks), 0,
                    Duration.ZERO);
        }

        public Step after(Duration latency) {
            return new Step(text, usage, latency, failure, chunks, failAfterChunks, chunkDelay);
        }

        public Step chunkDelay(Duration delay) {
            return new Step(text, usage, latency, failure, chunks, failAfterChunks, delay);
        }

        public Step failingAfter(int chunksFirst, java.util.function.Supplier<BatonException> error) {
            return new Step(text, usage, latency, error, chunks, chunksFirst, chunkDelay);
        }

        public Step withUsage(Usage u) {
            return new Step(text, u, latency, failure, chunks, failAfterChunks, chunkDelay);
        }
    }
}
