package dev.baton.mcp.server;

import java.util.function.Consumer;

/**
 * Something that notices when resources change, so clients subscribed to them
 * ({@code resources/subscribe}) get {@code notifications/resources/updated}. Started when the
 * server starts serving, closed when it stops; between the two it hands the URI of each resource
 * that changed to {@code updated} (any thread; a URI nobody subscribed to is dropped).
 */
@FunctionalInterface
public interface ResourceWatch {

    /** Starts watching; the returned handle stops it. */
    AutoCloseable start(Consumer<String> updated) throws Exception;
}
