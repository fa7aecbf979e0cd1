package dev.baton.mcp.server.internal;

import tools.jackson.databind.JsonNode;

/**
 * Told when a tool handler starts and ends on its thread, so a transport that sees the client's
 * {@code notifications/cancelled} can interrupt the right one.
 */
interface CallTracker {

    /** Nothing to track: the transport finds running calls by itself (HTTP: {@link CancellableCalls}). */
    CallTracker NONE = (tool, arguments) -> () -> { };

    /** The current thread starts {@code tool} with {@code arguments}; closing the result says it ended. */
    Running started(String tool, JsonNode arguments);

    @FunctionalInterface
    interface Running extends AutoCloseable {
        @Override
        void close();
    }
}
