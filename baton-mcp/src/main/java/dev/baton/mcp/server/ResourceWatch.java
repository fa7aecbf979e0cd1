package dev.baton.mcp.server;

/**
 * Something that notices when resources change, so clients subscribed to them
 * ({@code resources/subscribe}) get {@code notifications/resources/updated}. Started when the
 * server starts serving, closed when it stops; between the two it reports the URI of each resource
 * that changed to {@code updated} (any thread; a URI nobody subscribed to is dropped), for every
 * subscribed session or only some ({@link ResourceUpdates#accept(String, java.util.function.Predicate)}).
 */
@FunctionalInterface
public interface ResourceWatch {

    /** Starts watching; the returned handle stops it. */
    AutoCloseable start(ResourceUpdates updated) throws Exception;
}
