package dev.baton.server.metrics;

import dev.baton.server.ServerContext;
import dev.baton.server.ServerModule;
import dev.baton.server.metrics.internal.HttpTracing;

/**
 * A span per HTTP request (after authentication: a refused request has none), the parent of the
 * pipeline calls and runs the request makes, when the Baton is traced ({@code Baton.telemetry()});
 * otherwise it mounts nothing.
 */
public final class TracingModule implements ServerModule {

    @Override
    public String name() {
        return "tracing";
    }

    @Override
    public void mount(ServerContext context) {
        if (context.baton().telemetry().enabled()) context.guard(new HttpTracing(context.baton().telemetry()));
    }
}
