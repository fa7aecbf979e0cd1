package dev.baton.server.internal;

import tools.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import dev.baton.server.Guard;
import dev.baton.server.RequestObserver;
import dev.baton.server.Route;
import dev.baton.server.ServerContext;
import dev.baton.server.ServerOptions;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

import org.jspecify.annotations.Nullable;

import java.util.EnumSet;
import java.util.Set;

/** The {@link ServerContext} modules mount into: one servlet context, the public routes noted for {@link AuthGuard}; exact-path routes on the {@link CoreRoutes} ahead of it. */
public final class Mounting implements ServerContext {

    private final Baton baton;
    private final ServerOptions options;
    private final ServletContextHandler context;
    private final AccessLog accessLog;
    private final Set<String> publicPatterns;
    private final GuardChain guards;
    private final @Nullable CoreRoutes core;

    /** @param core where {@link #route} mounts; {@code null}: routes are mounted as servlets */
    public Mounting(Baton baton, ServerOptions options, ServletContextHandler context, AccessLog accessLog,
                    Set<String> publicPatterns, GuardChain guards, @Nullable CoreRoutes core) {
        this.guards = guards;
        this.core = core;
        this.baton = baton;
        this.options = options;
        this.context = context;
        this.accessLog = accessLog;
        this.publicPatterns = publicPatterns;
    }

    @Override
    public Baton baton() {
        return baton;
    }

    @Override
    public ServerOptions options() {
        return options;
    }

    @Override
    public ObjectMapper json() {
        return baton.json();
    }

    @Override
    public void servlet(String pathSpec, HttpServlet servlet) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, pathSpec);
    }

    @Override
    public void publicServlet(String pathSpec, HttpServlet servlet) {
        publicPatterns.add(pathSpec);
        servlet(pathSpec, servlet);
    }

    @Override
    public void filter(String pathSpec, Filter filter) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, pathSpec, EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    public void route(String method, String path, Route route) {
        if (core != null) core.add(method, path, route);
        else servlet(path, new RouteServlet(method, path, route));
    }

    @Override
    public void guard(Guard guard) {
        guards.add(guard);
    }

    @Override
    public void observe(RequestObserver observer) {
        accessLog.observe(observer);
    }
}
