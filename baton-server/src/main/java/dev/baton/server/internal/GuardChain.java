package dev.baton.server.internal;

import dev.baton.server.Exchange;
import dev.baton.server.Guard;
import dev.baton.server.Route;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one ordered list of {@link Guard}s every request passes, whether a servlet or the gateway's
 * core handler serves it: the server's own (access log, Host guard and body limit, authentication,
 * concurrency limit, deadline — {@code BatonServer} adds them in that order), then the ones modules
 * add while mounting (tracing). Thread-safe: modules add before the server starts.
 */
public final class GuardChain {

    private final List<Guard> guards = new CopyOnWriteArrayList<>();

    /** Appends {@code guard}: it runs after every guard added before it. */
    public void add(Guard guard) {
        guards.add(guard);
    }

    /** Runs {@code exchange} through every guard, then {@code route}. */
    public void run(Exchange exchange, Route route) throws IOException {
        step(0, exchange, route);
    }

    private void step(int index, Exchange exchange, Route route) throws IOException {
        if (index == guards.size()) {
            route.serve(exchange);
            return;
        }
        guards.get(index).around(exchange, next -> step(index + 1, next, route));
    }
}
