package dev.baton.pipeline;

import dev.baton.error.BatonException;
import dev.baton.llm.EmbeddingModel;
import dev.baton.llm.EmbeddingRequest;
import dev.baton.llm.EmbeddingResponse;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.Prices;
import dev.baton.llm.Usage;
import dev.baton.usage.BudgetAmount;
import dev.baton.usage.BudgetEnforcer;
import dev.baton.usage.BudgetSubject;
import dev.baton.usage.Reservation;
import dev.baton.usage.UsageLedger;
import dev.baton.usage.UsageRecord;
import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;

/**
 * The pipeline of an embedding profile, the same concerns as a chat profile's in the same order:
 * <pre>Budgeted → Recorded → provider</pre>
 * Budgets are outside so a refused call costs nothing and is not sent; recording sits inside them
 * so the ledger sees every call that ran (as {@code provider}/{@code model} under the profile,
 * output tokens zero), with the cost priced from the model's input price when the provider gives
 * none. The worst case reserved is the input estimated at one token per two characters.
 */
public final class EmbeddingPipeline {

    private EmbeddingPipeline() {
    }

    /** {@code provider} wrapped for {@code profile} with the ledger and budgets. */
    public static EmbeddingModel of(EmbeddingModel provider, String profile, @Nullable String credentialName,
                                    UsageLedger ledger, BudgetEnforcer budgets, Clock clock) {
        EmbeddingModel recorded = new Recorded(provider, profile, ledger, clock);
        return new Budgeted(recorded, new BudgetSubject(profile, provider.info().provider(), credentialName, null), budgets);
    }

    static BigDecimal cost(ModelInfo info, long inputTokens) {
        Prices p = info.prices();
        return p == null ? null : p.cost(Usage.of(inputTokens, 0));
    }

    /** Records each call in the usage ledger, answered or failed. */
    static final class Recorded implements EmbeddingModel {
        private final EmbeddingModel delegate;
        private final String profile;
        private final UsageLedger ledger;
        private final Clock clock;

        Recorded(EmbeddingModel delegate, String profile, UsageLedger ledger, Clock clock) {
            this.delegate = delegate;
            this.profile = profile;
            this.ledger = ledger;
            this.clock = clock;
        }

        @Override
        public EmbeddingResponse embed(EmbeddingRequest request) {
            long start = System.nanoTime();
            UsageRecord.Builder b = UsageRecord.builder(clock.instant()).profile(profile)
                    .provider(delegate.info().provider()).model(delegate.info().model());
            EmbeddingResponse r;
            try {
                r = delegate.embed(request);
            } catch (RuntimeException e) {
                ledger.record(b.latency(Duration.ofNanos(System.nanoTime() - start))
                        .outcome(e instanceof BatonException be ? be.code().name() : "INTERNAL").build());
                throw e;
            }
            Usage u = r.usage().costUsd() != null ? r.usage() : r.usage().withCost(cost(delegate.info(), r.usage().inputTokens()));
            ledger.record(b.inputTokens(u.inputTokens()).costUsd(u.costUsd()).estimated(u.estimated())
                    .latency(Duration.ofNanos(System.nanoTime() - start)).build());
            return new EmbeddingResponse(r.vectors(), u, r.provider(), r.model(), r.latency());
        }

        @Override
        public ModelInfo info() {
            return delegate.info();
        }
    }

    /** Reserves the worst case on the budgets before the call and settles the real cost after it. */
    static final class Budgeted implements EmbeddingModel {
        private final EmbeddingModel delegate;
        private final BudgetSubject subject;
        private final BudgetEnforcer budgets;

        Budgeted(EmbeddingModel delegate, BudgetSubject subject, BudgetEnforcer budgets) {
            this.delegate = delegate;
            this.subject = subject;
            this.budgets = budgets;
        }

        @Override
        public EmbeddingResponse embed(EmbeddingRequest request) {
            long chars = 0;
            for (String s : request.inputs()) chars += s.length();
            long worstTokens = Math.max(1, (chars + 1) / 2);
            BigDecimal worstUsd = cost(delegate.info(), worstTokens);
            Reservation reservation = budgets.reserve(subject,
                    new BudgetAmount(worstUsd == null ? 0 : BudgetAmount.toNanos(worstUsd), worstTokens));
            EmbeddingResponse r;
            try {
                r = delegate.embed(request);
            } catch (RuntimeException e) {
                reservation.release();
                throw e;
            }
            reservation.settle(r.usage().costUsd() == null ? BigDecimal.ZERO : r.usage().costUsd(), r.usage().totalTokens());
            return r;
        }

        @Override
        public ModelInfo info() {
            return delegate.info();
        }
    }
}
