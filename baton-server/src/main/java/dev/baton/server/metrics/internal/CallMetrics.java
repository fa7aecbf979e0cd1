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

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("baton.runs.in.flight", Tags.empty(), runsInFlight);
    }

    @Override
    public void callRecorded(UsageRecord r) {
        Tags model = Tags.of("profile", label(r.profile()), "provider", label(r.provider()), "model", label(r.model()));
        Tags withOutcome = model.and("outcome", r.outcome());
        Counter.builder("baton.calls").description("Pipeline calls, answered or failed").tags(withOutcome)
                .register(registry).increment();
        Timer.builder("baton.call.duration").description("Pipeline call latency, retries and fallbacks included")
                .tags(withOutcome).publishPercentileHistogram().minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                .register(registry).record(r.latency().toNanos(), TimeUnit.NANOSECONDS);
        if (r.timeToFirstToken() != null) {
            Timer.builder("baton.call.time.to.first.token").description("Time from the call to the first streamed token")
                    .tags(model).publishPercentileHistogram().minimumExpectedValue(MIN).maximumExpectedValue(MAX)
                    .register(registry).record(r.timeToFirstToken().toNanos(), TimeUnit.NANOSECONDS);
        }
        tokens(model, "input", r.inputTokens());
        tokens(model, "output", r.outputTokens());
        if (r.costUsd() != null && r.costUsd().signum() > 0) {
            Counter.builder("baton.cost").baseUnit("usd").description("Spend in USD").tags(model)
                    .register(registry).increment(r.costUsd().doubleValue());
        }
        if (!r.fallbacks().isEmpty()) {
            Counter.builder("baton.fallbacks").description("Fallback steps: profiles given up on before the answer")
                    .tags("profile", label(r.profile()), "outcome", r.outcome())
                    .register(registry).increment(r.fallbacks().size());
        }
    }

    private void tokens(Tags model, String type, long count) {
        if (count <= 0) return;
        Counter.builder("baton.tokens").description("Tokens by type (input, output)").tags(model.and("type", type))
                .register(registry).increment(count);
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
