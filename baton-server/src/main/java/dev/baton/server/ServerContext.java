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

    /** Adds a filter on {@code pathSpec}, after authentication, so {@link Caller#of} is known. */
    void filter(String pathSpec, Filter filter);

    /** Tells {@code observer} about every finished request. */
    void observe(RequestObserver observer);
}
