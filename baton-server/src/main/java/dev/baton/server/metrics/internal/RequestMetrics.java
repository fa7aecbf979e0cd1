package dev.baton.server.metrics.internal;

import dev.baton.server.RequestObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * HTTP requests by method, route template and status, with a latency histogram. The key id is
 * not a label, and a method outside HTTP's standard ones is counted as {@code OTHER}, so a client
 * cannot add series by inventing methods. Each series' timer is looked up in the registry once and
 * then kept, so a request costs one map lookup rather than building and registering a meter id.
 */
public final class RequestMetrics implements RequestObserver {

    private static final java.util.Set<String> METHODS =
            java.util.Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Series, Timer> timers = new ConcurrentHashMap<>();

    private record Series(String method, String route, int status) {
    }

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void finished(String method, String route, int status, long durationNanos, @Nullable String keyId) {
        timers.computeIfAbsent(new Series(METHODS.contains(method) ? method : "OTHER", route, status), this::timer).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Series s) {
        return Timer.builder("baton.http.server.requests").description("HTTP requests served")
                .tags("method", s.method(), "route", s.route(), "status", Integer.toString(s.status()))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }
}
