package dev.baton.server;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One HTTP request and its response as a {@link Guard} or a {@link Route} sees them, whichever
 * way the server carries it (a Jetty core handler for the gateway's routes, a servlet for the
 * rest), so the checks and the routes are written once for both.
 */
public interface Exchange {

    String method();

    /** The first value of request header {@code name} (case-insensitive), {@code null} when absent. */
    @Nullable String header(String name);

    /** The request header names, for trace propagation. */
    Iterable<String> headerNames();

    /** The declared body length, -1 when none was declared (chunked). */
    long contentLength();

    /** The request body; reading past the body limit fails with an {@link IOException} naming the limit. */
    InputStream body() throws IOException;

    /** Cuts an undeclared body at {@code maxBytes}: {@link #body()} then fails past it. */
    void limitBody(long maxBytes);

    /** Who called, as authentication found it ({@link Caller#ANONYMOUS} until then). */
    Caller caller();

    void caller(Caller caller);

    /** The route template that served it ({@link Routes}): named by the route, else the mapping's pattern, else {@code unmatched}. */
    String route();

    void route(String template);

    /** The servlet mapping pattern that matched, {@code null} for a route served outside the servlets. */
    @Nullable String mappingPattern();

    int status();

    void status(int status);

    /** Sets response header {@code name}, replacing any value it had. */
    void header(String name, String value);

    /** Sets the response's content type with {@code charset=utf-8} when it is textual. */
    void contentType(String type);

    /** Whether the status and headers have gone to the client. */
    boolean committed();

    /** Drops what the response body holds that has not been sent yet (headers stay). */
    void resetBuffer();

    /**
     * The response body. Bytes are held until {@code flush()} (which commits and sends them: one
     * event of a stream) or {@code close()} (which ends the response).
     */
    OutputStream output() throws IOException;

    /** Whether the request went asynchronous (servlets only): it ends after the guards have returned. */
    default boolean async() {
        return false;
    }

    /** Runs {@code action} when an {@link #async()} request ends. */
    default void onAsyncComplete(Runnable action) {
        throw new IllegalStateException("the request is not asynchronous");
    }
}
