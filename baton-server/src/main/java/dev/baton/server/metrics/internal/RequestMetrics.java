package dev.baton.server.metrics.internal;

import dev.baton.server.RequestObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** HTTP requests by method, route template and status, with a latency histogram. The key id is not a label. */
public final class RequestMetrics implements RequestObserver {

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void finished(String method, String route, int status, long durationNanos, @Nullable String keyId) {
        Timer.builder("baton.http.server.requests").description("HTTP requests served")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry).record(durationNanos, TimeUnit.NANOSECONDS);
    }
}
