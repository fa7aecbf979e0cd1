package dev.baton.server.metrics.internal;

import dev.baton.ensemble.run.RunEvent;
import dev.baton.error.ErrorCode;
import dev.baton.observe.BatonObserver;
import dev.baton.usage.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of pipeline calls and runs, fed by the Baton's observers: calls by
 * profile/provider/model/outcome, tokens, cost, latency and time to first token, fallbacks,
 * retries, runs and runs in flight. Labels are names from the configuration and error codes only:
 * never a key, a prompt or a run id.
 */
public final class CallMetrics implements BatonObserver {

    private static final Duration MIN = Duration.ofMillis(1);
    private static final Duration MAX = Duration.ofMinutes(10);

    private final MeterRegistry registry;
    private final AtomicInteger runsInFlight = new AtomicInteger();
    private final java.util.concurrent.ConcurrentHashMap<Series, CallMeters> meters = new java.util.concurrent.ConcurrentHashMap<>();

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("baton.runs.in.flight", Tags.empty(), runsInFlight);
    }

    @Override
    public void callRecorded(UsageRecord r) {
        CallMeters m = meters.computeIfAbsent(new Series(label(r.profile()), label(r.provider()), label(r.model()), r.outcome()),
                CallMeters::new);
        m.calls.increment();
        m.duration.record(r.latency().toNanos(), TimeUnit.NANOSECONDS);
        if (r.timeToFirstToken() != null) m.timeToFirstToken().record(r.timeToFirstToken().toNanos(), TimeUnit.NANOSECONDS);
        if (r.inputTokens() > 0) m.inputTokens().increment(r.inputTokens());
        if (r.outputTokens() > 0) m.outputTokens().increment(r.outputTokens());
        if (r.costUsd() != null && r.costUsd().signum() > 0) m.cost().increment(r.costUsd().doubleValue());
        if (!r.fallbacks().isEmpty()) m.fallbacks().increment(r.fallbacks().size());
    }

    /** One label set of the call meters. */
    private record Series(String profile, String provider, String model, String outcome) {
    }

    /**
     * The meters of one label set, looked up once rather than built and registered on every call
     * (a registry lookup per meter per call cost a few per cent of the gateway's CPU). Meters a
     * call may not need are registered on first use, so /metrics shows only series that happened.
     */
    private final class CallMeters {
        private final Series series;
        private final Tags model;
        private final Counter calls;
        private final Timer duration;
        private volatile @Nullable Timer ttft;
        private volatile @Nullable Counter input;
        private volatile @Nullable Counter output;
        private volatile @Nullable Counter cost;
        private volatile @Nullable Counter fallbacks;

        CallMeters(Series series) {
            this.series = series;
            this.model = Tags.of("profile", series.profile(), "provider", series.provider(), "model", series.model());
            Tags withOutcome = model.and("outcome", series.outcome());
            this.calls = Counter.builder("baton.calls").description("Pipeline calls, answered or failed").tags(withOutcome)
                    .register(registry);
            this.duration = Timer.builder("baton.call.duration").description("Pipeline call latency, retries and fallbacks included")
                    .tags(withOutcome).publishPercentileHistogram().minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                    .register(registry);
        }

        Timer timeToFirstToken() {
            Timer t = ttft;
            if (t == null) {
                t = Timer.builder("baton.call.time.to.first.token").description("Time from the call to the first streamed token")
                        .tags(model).publishPercentileHistogram().minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                        .register(registry);
                ttft = t;
            }
            return t;
        }

        Counter inputTokens() {
            Counter c = input;
            if (c == null) input = c = tokens("input");
            return c;
        }

        Counter outputTokens() {
            Counter c = output;
            if (c == null) output = c = tokens("output");
            return c;
        }

        private Counter tokens(String type) {
            return Counter.builder("baton.tokens").description("Tokens by type (input, output)").tags(model.and("type", type))
                    .register(registry);
        }

        Counter cost() {
            Counter c = cost;
            if (c == null) {
                cost = c = Counter.builder("baton.cost").baseUnit("usd").description("Spend in USD").tags(model)
                        .register(registry);
            }
            return c;
        }

        Counter fallbacks() {
            Counter c = fallbacks;
            if (c == null) {
                fallbacks = c = Counter.builder("baton.fallbacks")
                        .description("Fallback steps: profiles given up on before the answer")
                        .tags("profile", series.profile(), "outcome", series.outcome()).register(registry);
            }
            return c;
        }
    }

    @Override
    public void retrying(String profile, String provider, String model, ErrorCode code) {
        Counter.builder("baton.retries").description("Attempts retried on the same profile, by the failure retried")
                .tags("profile", profile, "provider", provider, "model", model, "outcome", code.name())
                .register(registry).increment();
    }

    @Override
    public void runEvent(RunEvent event) {
        if (event instanceof RunEvent.RunStarted) {
            runsInFlight.incrementAndGet();
        } else if (event instanceof RunEvent.RunCompleted done) {
            runsInFlight.decrementAndGet();
            Counter.builder("baton.runs").description("Ensemble runs finished, by status")
                    .tags("outcome", done.result().status().wire()).register(registry).increment();
        }
    }

    private static String label(@Nullable String value) {
        return value == null ? "none" : value;
    }
}
