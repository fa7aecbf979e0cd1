package dev.baton.mcp.server.internal;

import dev.baton.mcp.server.RequestContext;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpSyncServerExchange;

/** The session of one SDK request, as Baton's {@link RequestContext}. */
record SdkRequestContext(String sessionId) implements RequestContext {

    SdkRequestContext(McpSyncServerExchange exchange) {
        this(id(exchange.sessionId()));
    }

    SdkRequestContext(McpAsyncServerExchange exchange) {
        this(id(exchange.sessionId()));
    }

    /** A session the SDK names without an id (none on stdio) is the empty one, as for tool calls. */
    static String id(String sessionId) {
        return sessionId == null ? "" : sessionId;
    }
}
