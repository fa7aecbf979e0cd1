package dev.baton.observe.internal;

import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.observe.Telemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;

import java.util.NoSuchElementException;

/**
 * A span around each call of the model it wraps, with the GenAI conventions' attributes. The
 * pipeline puts one outermost (a {@link #pipelineCall pipeline call}: budgets, retries and
 * fallbacks inside it) and one innermost per profile (a {@link #providerAttempt provider
 * attempt}: one HTTP exchange), so attempts nest under their call. The span is current while
 * the wrapped model works, a stream's span also while it is pulled (a retry or fallback may
 * reopen it then), and ends when the call answers or fails, or the stream ends or is closed.
 */
public final class TracedChatModel implements ChatModel {

    private final ChatModel delegate;
    private final Telemetry telemetry;
    private final String spanName;
    private final SpanKind kind;
    private final @Nullable String profile;
    private final boolean content;

    private TracedChatModel(ChatModel delegate, Telemetry telemetry, String spanName, SpanKind kind,
                            @Nullable String profile, boolean content) {
        this.delegate = delegate;
        this.telemetry = telemetry;
        this.spanName = spanName;
        this.kind = kind;
        this.profile = profile;
        this.content = content;
    }

    /**
     * The span of one call through a profile's pipeline, named {@code pipeline PROFILE}; it carries
     * the prompt and output when {@code capture_content} is on.
     */
    public static ChatModel pipelineCall(ChatModel delegate, String profile, Telemetry telemetry) {
        return new TracedChatModel(delegate, telemetry, "pipeline " + profile, SpanKind.INTERNAL, profile,
                telemetry.captureContent());
    }

    /** The span of one request to a provider, named {@code chat MODEL} as the conventions name inference spans. */
    public static ChatModel providerAttempt(ChatModel delegate, String profile, Telemetry telemetry) {
        return new TracedChatModel(delegate, telemetry, "chat ", SpanKind.CLIENT, profile, false);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Span span = start(request);
        try (Scope ignored = span.makeCurrent()) {
            ChatResponse r = delegate.chat(request);
            GenAi.response(span, r, content);
            return r;
        } catch (RuntimeException e) {
            GenAi.failure(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        Span span = start(request);
        try (Scope ignored = span.makeCurrent()) {
            return new TracedStream(delegate.stream(request), span);
        } catch (RuntimeException e) {
            GenAi.failure(span, e);
            span.end();
            throw e;
        }
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    private Span start(ChatRequest request) {
        ModelInfo info = delegate.info();
        // an attempt is named for the model asked for, read per call: the adapter is made lazily
        String name = kind == SpanKind.CLIENT ? spanName + info.model() : spanName;
        Span span = telemetry.tracer().spanBuilder(name).setSpanKind(kind)
                .setAttribute(GenAi.OPERATION, "chat")
                .setAttribute(GenAi.PROVIDER, info.provider())
                .setAttribute(GenAi.SYSTEM, info.provider())
                .setAttribute(GenAi.REQUEST_MODEL, info.model())
                .startSpan();
        if (profile != null) span.setAttribute(GenAi.PROFILE, profile);
        GenAi.request(span, request, content);
        return span;
    }

    /** Pulls in the span's scope; ends the span once, at the end, a failure or close. */
    private final class TracedStream implements ChatStream {
        private final ChatStream inner;
        private final Span span;
        private boolean ended;

        TracedStream(ChatStream inner, Span span) {
            this.inner = inner;
            this.span = span;
        }

        @Override
        public boolean hasNext() {
            try (Scope ignored = span.makeCurrent()) {
                boolean more = inner.hasNext();
                if (!more) succeeded();
                return more;
            } catch (RuntimeException e) {
                failed(e);
                throw e;
            }
        }

        @Override
        public ChatChunk next() {
            if (!hasNext()) throw new NoSuchElementException();
            try (Scope ignored = span.makeCurrent()) {
                return inner.next();
            } catch (RuntimeException e) {
                failed(e);
                throw e;
            }
        }

        @Override
        public ChatResponse response() {
            return inner.response();
        }

        @Override
        public void close() {
            try (Scope ignored = span.makeCurrent()) {
                inner.close();
            } finally {
                succeeded();
            }
        }

        private void succeeded() {
            if (ended) return;
            ended = true;
            try {
                GenAi.response(span, inner.response(), content);
            } catch (RuntimeException ignored) {
                // a stream closed before anything arrived may have no answer to describe
            } finally {
                span.end();
            }
        }

        private void failed(RuntimeException e) {
            if (ended) return;
            ended = true;
            GenAi.failure(span, e);
            span.end();
        }
    }
}
