package dev.baton.server;

import tools.jackson.databind.ObjectMapper;
import dev.baton.Baton;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;

/** What a {@link ServerModule} mounts its routes with. */
public interface ServerContext {

    /** The Baton every route serves from; owned by whoever started the server. */
    Baton baton();

    ServerOptions options();

    /** Baton's JSON mapper. */
    ObjectMapper json();

    /**
     * Serves {@code pathSpec} (servlet syntax: {@code /api/v1/runs/*}, {@code /v1/models}) with
     * {@code servlet}, behind access log, Host/Origin check, authentication and the body limit.
     */
    void servlet(String pathSpec, HttpServlet servlet);

    /** Serves {@code pathSpec} without authentication (health checks, metrics scraped by Prometheus). */
    void publicServlet(String pathSpec, HttpServlet servlet);

    /**
     * Serves {@code method path} (an exact path, e.g. {@code /v1/chat/completions}) with {@code route}
     * on Jetty's core request and response, ahead of the servlets and without their wrappers,
     * behind the same guards as a servlet; another method on the path is answered 405.
     */
    void route(String method, String path, Route route);

    /** Adds {@code guard} after the server's own (so {@link Caller} is known), around every servlet and route. */
    void guard(Guard guard);

    /** Adds a servlet filter on {@code pathSpec} (servlets only, not {@link #route}s), after authentication, so {@link Caller#of} is known. */
    void filter(String pathSpec, Filter filter);

    /** Tells {@code observer} about every finished request. */
    void observe(RequestObserver observer);
}
