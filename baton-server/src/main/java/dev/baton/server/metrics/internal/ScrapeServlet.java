package dev.baton.server.metrics.internal;

import dev.baton.server.Routes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics}: the registry in Prometheus' text format (0.0.4), state gauges read afresh. */
public final class ScrapeServlet extends HttpServlet {

    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient PrometheusMeterRegistry registry;
    private final transient StateGauges state;

    public ScrapeServlet(PrometheusMeterRegistry registry, StateGauges state) {
        this.registry = registry;
        this.state = state;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        Routes.name(req, "/metrics");
        state.refresh();
        byte[] body = registry.scrape(CONTENT_TYPE).getBytes(StandardCharsets.UTF_8);
        res.setContentType(CONTENT_TYPE);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}
