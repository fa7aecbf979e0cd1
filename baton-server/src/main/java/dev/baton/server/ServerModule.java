package dev.baton.server;

/**
 * A part of the HTTP server (the REST API, the gateway, metrics): mounts its servlets when the
 * server starts and releases what it holds when it stops. Modules are mounted in the order given
 * to {@link BatonServer#start}.
 */
public interface ServerModule extends AutoCloseable {

    /** A short name for logs and errors, e.g. {@code gateway}. */
    String name();

    /** Adds this module's routes to the server. */
    void mount(ServerContext context) throws Exception;

    /**
     * The server has stopped accepting requests and is about to wait for those in flight: end
     * what would otherwise hold the grace period open for nothing (idle event streams).
     */
    default void stopping() {
    }

    /**
     * The grace period is over: cancel what is still running (runs are recorded as cancelled)
     * and release resources. Called once, after {@link #stopping()}.
     */
    @Override
    default void close() throws Exception {
    }
}
