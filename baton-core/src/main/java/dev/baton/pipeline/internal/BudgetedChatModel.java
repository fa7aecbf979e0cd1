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
import dev.baton.llm.Usage;
import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetSubject;
import dev.baton.usage.Reservation;

import java.util.NoSuchElementException;
import java.util.Objects;
import dev.baton.pipeline.CallMetadata;

/**
 * Guards a call with the budgets: reserves the worst-case cost before it (refusing with
 * {@code BUDGET_EXCEEDED} or {@code RATE_LIMITED}) and settles the actual cost after it. The worst
 * case is first the cheap UTF-8 bound; only when that is refused, and some profile of the chain
 * has an exact tokenizer ({@link OpenAiTokenCounts}), is the exact bound computed and tried. Limits of
 * scopes profile and provider are those of the profile the call entered through; the run comes
 * from the request's {@code run_id}; scope API key counts the Baton key of the request's
 * {@code api_key} when it has one, else the profile's credential. A failed call that produced nothing is released;
 * a stream is settled with what it used when it ends, fails or is closed.
 */
public final class BudgetedChatModel implements ChatModel {

    private final ChatModel delegate;
    private final BudgetEnforcer enforcer;
    private final BudgetSubject subject;
    private final WorstCaseCost worstCase;
    private final ErrorContext context;

    public BudgetedChatModel(ChatModel delegate, BudgetEnforcer enforcer, BudgetSubject subject, WorstCaseCost worstCase) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.enforcer = Objects.requireNonNull(enforcer, "enforcer");
        this.subject = subject;
        this.worstCase = worstCase;
        ModelInfo info = delegate.info();
        this.context = ErrorContext.ofModel(info.provider(), info.model());
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        if (enforcer.isEmptyFor(request.metadata().get(CallMetadata.API_KEY))) return delegate.chat(request);
        Reservation reservation = reserve(request);
        ChatResponse response;
        try {
            response = delegate.chat(request);
        } catch (RuntimeException e) {
            reservation.release();
            throw e;
        }
        settle(reservation, response.usage());
        return response;
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        if (enforcer.isEmptyFor(request.metadata().get(CallMetadata.API_KEY))) return delegate.stream(request);
        Reservation reservation = reserve(request);
        try {
            return new BudgetedStream(delegate.stream(request), reservation);
        } catch (RuntimeException e) {
            reservation.release();
            throw e;
        }
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    private Reservation reserve(ChatRequest request) {
        var metadata = request.metadata();
        BudgetSubject s = subject.withCall(metadata.get(CallMetadata.RUN_ID), metadata.get(CallMetadata.API_KEY));
        BudgetAmount cheap = worstCase.of(request);
        try {
            return enforcer.reserve(s, cheap);
        } catch (BatonException refused) {
            if (!worthExactCount(refused)) throw refused.withContext(context);
            // The cheap bound over-reserves ordinary text several times over; where a candidate's
            // tokenizer is known, its exact count may fit where the cheap bound did not. A refused
            // reserve holds nothing (the enforcer rolls back every counter and rate window it
            // touched), so asking again with the smaller amount is clean.
            BudgetAmount exact = worstCase.exactOf(request);
            if (exact.nanoUsd() >= cheap.nanoUsd() && exact.tokens() >= cheap.tokens()) {
                throw refused.withContext(context);
            }
            try {
                return enforcer.reserve(s, exact);
            } catch (BatonException e) {
                throw e.withContext(context);
            }
        }
    }

    /** A spend or token-rate refusal that an exact count could turn round (an rpm refusal cannot, but is not told apart). */
    private boolean worthExactCount(BatonException refused) {
        return worstCase.hasExact()
                && (refused.code() == ErrorCode.BUDGET_EXCEEDED || refused.code() == ErrorCode.RATE_LIMITED);
    }

    private static void settle(Reservation reservation, Usage usage) {
        reservation.settle(usage.costUsd(), usage.totalTokens());
    }

    /** Settles once: at the end, on a failure or on close, with the usage seen. */
    private static final class BudgetedStream implements ChatStream {
        private final ChatStream inner;
        private final Reservation reservation;
        private boolean started;

        BudgetedStream(ChatStream inner, Reservation reservation) {
            this.inner = inner;
            this.reservation = reservation;
        }

        @Override
        public boolean hasNext() {
            try {
                boolean more = inner.hasNext();
                if (!more) settle(reservation, inner.response().usage());
                return more;
            } catch (RuntimeException e) {
                if (started) settle(reservation, inner.response().usage());
                else reservation.release();
                throw e;
            }
        }

        @Override
        public ChatChunk next() {
            if (!hasNext()) throw new NoSuchElementException();
            started = true;
            return inner.next();
        }

        @Override
        public ChatResponse response() {
            return inner.response();
        }

        @Override
        public void close() {
            try {
                inner.close();
            } finally {
                // the request was sent: settle what the ledger records for it (estimated if early)
                settle(reservation, inner.response().usage());
            }
        }
    }
}
