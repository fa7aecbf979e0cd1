package dev.baton.pipeline;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.pipeline.Circuit.Admission;

import java.time.Instant;
import java.util.Objects;

/**
 * Skips a deployment that keeps failing. Calls to a deployment whose circuit is open fail fast
 * with a non-retriable {@code MODEL_UNAVAILABLE} (reason OVERLOADED, Retry-After set to the rest of
 * the cool-down), which the fallback decorator answers by moving on. Counted failures are the
 * retriable ones and {@code MODEL_UNAVAILABLE}; a cancelled call or one whose deadline passed
 * says nothing about the deployment and is not counted. A stream succeeds when its first chunk
 * (or its end) arrives.
 */
public final class CooldownChatModel implements ChatModel {

    private final ChatModel delegate;
    private final String deployment;
    private final CooldownRegistry registry;
    private final ErrorContext context;

    public CooldownChatModel(ChatModel delegate, String deployment, CooldownRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.registry = Objects.requireNonNull(registry, "registry");
        ModelInfo info = delegate.info();
        this.context = ErrorContext.ofModel(info.provider(), info.model());
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Circuit circuit = registry.circuit(deployment);
        Admission admission = admit(circuit);
        try {
            ChatResponse response = delegate.chat(request);
            circuit.onSuccess(admission);
            return response;
        } catch (BatonException e) {
            judge(circuit, admission, e, request);
            throw e;
        } catch (RuntimeException | Error e) {
            circuit.onAbandon(admission);
            throw e;
        }
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        Circuit circuit = registry.circuit(deployment);
        Admission admission = admit(circuit);
        ChatStream inner;
        try {
            inner = delegate.stream(request);
        } catch (BatonException e) {
            judge(circuit, admission, e, request);
            throw e;
        } catch (RuntimeException | Error e) {
            circuit.onAbandon(admission);
            throw e;
        }
        return new JudgedStream(inner, circuit, admission, request);
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    private Admission admit(Circuit circuit) {
        Admission admission = circuit.admit(registry.now());
        if (admission == null) throw registry.refusal(deployment, context);
        return admission;
    }

    private void judge(Circuit circuit, Admission admission, BatonException e, ChatRequest request) {
        if (counts(e, request)) circuit.onFailure(admission, e, registry.now());
        else if (e.code() == ErrorCode.INVALID_REQUEST || e.code() == ErrorCode.VALIDATION) circuit.onSuccess(admission);
        else circuit.onAbandon(admission);
    }

    private boolean counts(BatonException e, ChatRequest request) {
        if (e.reason() == ErrorReason.CANCELLED || Thread.currentThread().isInterrupted()) return false;
        Instant deadline = request.deadline();
        if (deadline != null && !registry.now().isBefore(deadline)) return false;
        return e.retriable() || e.code() == ErrorCode.MODEL_UNAVAILABLE;
    }

    /** Reports the stream's verdict to the circuit once: first chunk or end, or its failure. */
    private final class JudgedStream implements ChatStream {
        private final ChatStream inner;
        private final Circuit circuit;
        private final Admission admission;
        private final ChatRequest request;
        private boolean judged;

        JudgedStream(ChatStream inner, Circuit circuit, Admission admission, ChatRequest request) {
            this.inner = inner;
            this.circuit = circuit;
            this.admission = admission;
            this.request = request;
        }

        @Override
        public boolean hasNext() {
            try {
                boolean more = inner.hasNext();
                if (!judged) {
                    judged = true;
                    circuit.onSuccess(admission);
                }
                return more;
            } catch (BatonException e) {
                if (!judged) {
                    judged = true;
                    judge(circuit, admission, e, request);
                } else if (counts(e, request)) {
                    // a stream that broke mid-way still says something about the deployment
                    circuit.onFailure(Admission.NORMAL, e, registry.now());
                }
                throw e;
            }
        }

        @Override
        public ChatChunk next() {
            if (!hasNext()) throw new java.util.NoSuchElementException();
            return inner.next();
        }

        @Override
        public ChatResponse response() {
            return inner.response();
        }

        @Override
        public void close() {
            if (!judged) {
                judged = true;
                circuit.onAbandon(admission);
            }
            inner.close();
        }
    }
}
