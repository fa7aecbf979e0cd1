package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Gives every call a deadline, the earlier of now + the profile timeout (or the request's
 * {@link dev.baton.llm.CallPolicy#timeout()}, which replaces it) and the caller's
 * {@link ChatRequest#deadline()}, passes it down in the request (so retries and fallbacks below
 * share it) and enforces it: at expiry a blocked {@code chat} call is interrupted, which closes
 * its HTTP exchange, and a stream is closed; the caller gets {@code TIMEOUT}. A call that
 * finished before the alarm fired keeps its answer.
 */
public final class DeadlineChatModel implements ChatModel {

    private final ChatModel delegate;
    private final Duration timeout;
    private final DeadlineTimer timer;
    private final Clock clock;
    private final ErrorContext context;

    public DeadlineChatModel(ChatModel delegate, Duration timeout, DeadlineTimer timer, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
        ModelInfo info = delegate.info();
        this.context = ErrorContext.ofModel(info.provider(), info.model());
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        Instant deadline = deadlineOf(request);
        ChatRequest bounded = bounded(request, deadline);
        DeadlineTimer.Alarm alarm = timer.interruptCallerAt(deadline);
        ChatResponse response;
        try {
            response = delegate.chat(bounded);
        } catch (RuntimeException e) {
            if (alarm.disarm()) throw timeout(deadline, e);
            throw e;
        }
        alarm.disarm();
        return response;
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        Instant deadline = deadlineOf(request);
        ChatRequest bounded = bounded(request, deadline);
        DeadlineTimer.Alarm opening = timer.interruptCallerAt(deadline);
        ChatStream inner;
        try {
            inner = delegate.stream(bounded);
        } catch (RuntimeException e) {
            if (opening.disarm()) throw timeout(deadline, e);
            throw e;
        }
        if (opening.disarm()) {
            ResumableChatStream.closeQuietly(inner);
            throw timeout(deadline, null);
        }
        return new DeadlineStream(inner, deadline);
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    private Instant deadlineOf(ChatRequest request) {
        Instant now = clock.instant();
        Duration callTimeout = request.policy().timeout();
        Instant own = now.plus(callTimeout != null ? callTimeout : timeout);
        Instant deadline = request.deadline() != null && request.deadline().isBefore(own) ? request.deadline() : own;
        if (!deadline.isAfter(now)) throw timeout(deadline, null);
        return deadline;
    }

    private static ChatRequest bounded(ChatRequest request, Instant deadline) {
        return deadline.equals(request.deadline()) ? request : request.withDeadline(deadline);
    }

    private BatonException timeout(Instant deadline, Throwable cause) {
        return BatonException.builder(ErrorCode.TIMEOUT, "deadline " + deadline + " reached"
                        + (cause instanceof BatonException b ? " (last failure: " + b.code() + ": " + b.getMessage() + ")" : ""))
                .cause(cause)
                .retriable(false)
                .context(context)
                .suggestion("Raise the profile's timeout or the caller's deadline, or use a faster profile.")
                .build();
    }

    /** Closes the stream at the deadline and turns what follows into TIMEOUT. */
    private final class DeadlineStream implements ChatStream {
        private final ChatStream inner;
        private final Instant deadline;
        private final DeadlineTimer.Alarm alarm;

        DeadlineStream(ChatStream inner, Instant deadline) {
            this.inner = inner;
            this.deadline = deadline;
            this.alarm = timer.runAt(deadline, inner::close);
        }

        @Override
        public boolean hasNext() {
            if (alarm.fired()) throw timeout(deadline, null);
            boolean more;
            try {
                more = inner.hasNext();
            } catch (RuntimeException e) {
                if (alarm.fired()) throw timeout(deadline, e);
                throw e;
            }
            if (!more) {
                if (alarm.disarm()) throw timeout(deadline, null);
            }
            return more;
        }

        @Override
        public ChatChunk next() {
            if (!hasNext()) throw new NoSuchElementException();
            return inner.next();
        }

        @Override
        public ChatResponse response() {
            return inner.response();
        }

        @Override
        public void close() {
            alarm.disarm();
            inner.close();
        }
    }
}
