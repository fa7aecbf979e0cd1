package dev.baton.server.metrics;

import dev.baton.Baton;
import dev.baton.server.ServerContext;
import dev.baton.server.ServerModule;
import dev.baton.server.metrics.internal.CallMetrics;
import dev.baton.server.metrics.internal.RequestMetrics;
import dev.baton.server.metrics.internal.ScrapeServlet;
import dev.baton.server.metrics.internal.StateGauges;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Prometheus metrics at {@code /metrics}: HTTP requests by route and status; pipeline calls,
 * tokens, cost, latency and time to first token by profile, provider, model and outcome;
 * fallbacks and retries; cooldown state per deployment; budget remaining; runs in flight. The
 * route needs an API key like any other unless {@code server.metrics_public: true} (Prometheus
 * can send one: {@code authorization: {credentials: ...}} in its scrape config).
 */
public final class MetricsModule implements ServerModule {

    /** The path metrics are served at. */
    public static final String PATH = "/metrics";

    private final boolean publicRoute;
    private @Nullable PrometheusMeterRegistry registry;
    private @Nullable AutoCloseable observing;

    /** With {@code publicRoute}, {@code /metrics} is served without a key. */
    public MetricsModule(boolean publicRoute) {
        this.publicRoute = publicRoute;
    }

    /** As the configuration says ({@code server.metrics_public}, default false). */
    public static MetricsModule of(Baton baton) {
        var server = baton.config().server();
        return new MetricsModule(server != null && Boolean.TRUE.equals(server.metricsPublic()));
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public void mount(ServerContext context) {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry = r;
        context.observe(new RequestMetrics(r));
        observing = context.baton().observers().add(new CallMetrics(r));
        ScrapeServlet servlet = new ScrapeServlet(r, new StateGauges(context.baton(), r));
        if (publicRoute) context.publicServlet(PATH, servlet);
        else context.servlet(PATH, servlet);
    }

    @Override
    public void close() throws Exception {
        try {
            if (observing != null) observing.close();
        } finally {
            if (registry != null) registry.close();
        }
    }
}
