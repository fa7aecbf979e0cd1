package dev.baton.mcp.server;

/**
 * The client session a request comes from: handed to resource readers, prompt sources and (as
 * {@link ToolCall}) tool handlers, so that what they answer can depend on the session (Baton's own
 * features answer from the project the session switched to with {@code set_project}).
 */
public interface RequestContext {

    /** The MCP session id, or an empty string on stdio (one session). */
    String sessionId();
}
