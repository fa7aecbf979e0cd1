package dev.baton.mcp;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.mcp.internal.McpConnection;
import dev.baton.mcp.internal.McpEndpoint;
import dev.baton.mcp.internal.McpResults;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tools of one MCP server, named {@code NAME.TOOL}, as a {@link dev.baton.tool.ToolSource}
 * called {@code mcp:NAME}. The server starts (or the session opens) on the first
 * {@link #tools()} or call. If it dies or the connection breaks, the call in flight returns a tool
 * error saying so, and the next call starts it again, once: after a second loss every call
 * returns a tool error and nothing restarts it. {@link #close()} ends the session and stops the
 * process with its children. Thread-safe.
 */
public final class McpToolSource implements dev.baton.tool.ToolSource {

    private static final Logger log = LoggerFactory.getLogger(McpToolSource.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Restarts after a loss; one, so a server that keeps dying cannot loop. */
    private static final int MAX_RESTARTS = 1;

    private final String server;
    private final McpEndpoint endpoint;
    private final ToolCategory category;
    private final Duration timeout;
    private final Elicitation elicitation;
    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    // held while starting or restarting (blocking I/O), so a ReentrantLock rather than synchronized
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable McpConnection connection;
    private List<Tool> tools = List.of();
    private int restarts;
    private @Nullable String lastLoss;
    private boolean closed;
    private boolean started;

    McpToolSource(String server, McpEndpoint endpoint, ToolCategory category, Duration timeout, Elicitation elicitation) {
        this.server = server;
        this.endpoint = endpoint;
        this.category = category;
        this.timeout = timeout;
        this.elicitation = elicitation;
    }

    @Override
    public String name() {
        return "mcp:" + server;
    }

    /** The server's name, the prefix of its tools' names. */
    public String server() {
        return server;
    }

    /**
     * The server's tools; starts it on first use. A server that cannot be started (or listed)
     * throws a {@link BatonException} naming it and why.
     */
    @Override
    public List<Tool> tools() {
        lock.lock();
        try {
            // until it has started once, each listing tries to start it; after a loss the next call restarts it
            if (connection == null && !started) {
                try {
                    connect();
                } catch (StartFailure e) {
                    throw new BatonException(e.code, e.getMessage());
                }
            }
            return tools;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The tool the server calls {@code name}, given either as the server names it or as Baton
     * does ({@code SERVER.TOOL}); starts the server like {@link #tools()}.
     */
    public java.util.Optional<Tool> find(String name) {
        return tools().stream().filter(t -> t.name().equals(name)
                || (t instanceof McpTool m && m.remoteName().equals(name))).findFirst();
    }

    /** Runs {@code tool} on the server: the model sees every failure as a tool error. */
    ToolResult call(String remoteName, ObjectNode arguments, ToolContext context) throws InterruptedException {
        McpConnection c;
        lock.lock();
        try {
            if (closed) return ToolResult.error("MCP server '" + server + "' is closed");
            c = connectionForCall();
        } catch (StartFailure e) {
            return ToolResult.error(e.getMessage());
        } finally {
            lock.unlock();
        }
        Duration limit = timeout;
        Duration left = Duration.between(Instant.now(), context.deadline());
        if (left.compareTo(limit) < 0) limit = left.isNegative() ? Duration.ZERO : left;
        @SuppressWarnings("unchecked")
        Map<String, Object> args = JSON.convertValue(arguments, Map.class);
        try {
            return McpResults.toToolResult(c.call(remoteName, args, limit));
        } catch (McpError e) {
            return ToolResult.error("MCP server '" + server + "' refused the call to '" + remoteName + "': "
                    + e.getJsonRpcError().message());
        } catch (TimeoutException e) {
            return ToolResult.error(e.getMessage());
        } catch (McpConnection.Lost e) {
            markLost(c, e.getMessage());
            String next = restartsLeft() ? "; the next call restarts it" : "; it was restarted once already and will not be again";
            return ToolResult.error(e.getMessage() + " (the call to '" + remoteName + "' did not finish)" + next);
        }
    }

    /** The live connection, starting or restarting the server when allowed. Called with the lock held. */
    private McpConnection connectionForCall() throws StartFailure {
        if (connection != null && connection.alive()) return connection;
        if (connection != null) markLost(connection, "MCP server '" + server + "' stopped between calls");
        if (lastLoss != null) {
            if (!restartsLeft()) {
                throw new StartFailure("MCP server '" + server + "' is not available: " + lastLoss
                        + "; it was restarted once already and is not restarted again (check the server, then start Baton again)");
            }
            restarts++;
            log.info("restarting MCP server '{}' after: {}", server, lastLoss);
        }
        connect();
        return connection;
    }

    private boolean restartsLeft() {
        return restarts < MAX_RESTARTS;
    }

    /** Opens a connection and lists its tools. Called with the lock held. */
    private void connect() throws StartFailure {
        McpConnection c = null;
        try {
            c = McpConnection.open(server, endpoint, json, timeout, elicitation);
            tools = c.listTools(timeout).stream().map(this::tool).toList();
            connection = c;
            lastLoss = null;
            started = true;
        } catch (McpConnection.Lost | TimeoutException | RuntimeException e) {
            if (c != null) c.close();
            lastLoss = "could not be started (" + endpoint + "): "
                    + (e instanceof McpConnection.Lost lost ? lost.why() : e.getMessage());
            boolean unauthorized = e instanceof McpConnection.Lost lost && lost.authorization();
            throw new StartFailure("MCP server '" + server + "' " + lastLoss,
                    unauthorized ? ErrorCode.AUTHENTICATION : ErrorCode.PROVIDER_ERROR);
        } catch (InterruptedException e) {
            if (c != null) c.close();
            Thread.currentThread().interrupt();
            throw new StartFailure("interrupted while starting MCP server '" + server + "'");
        }
    }

    private void markLost(McpConnection c, String why) {
        lock.lock();
        try {
            if (connection == c) {
                connection = null;
                lastLoss = why;
                c.close();
            }
        } finally {
            lock.unlock();
        }
    }

    private Tool tool(McpSchema.Tool t) {
        String schema = t.inputSchema() == null ? "{\"type\":\"object\"}" : JSON.writeValueAsString(t.inputSchema());
        String description = t.description() != null ? t.description() : t.title() != null ? t.title() : "";
        return new McpTool(this, ToolNames.qualified(server, t.name()), t.name(), description, schema, category);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (connection != null) connection.close();
            connection = null;
        } finally {
            lock.unlock();
        }
    }

    /** Starting the server failed; the message says which server and why. */
    private static final class StartFailure extends Exception {
        /** How {@link #tools()} reports it: AUTHENTICATION when Baton could not authorize itself, else PROVIDER_ERROR. */
        final ErrorCode code;

        StartFailure(String message) {
            this(message, ErrorCode.PROVIDER_ERROR);
        }

        StartFailure(String message, ErrorCode code) {
            super(message);
            this.code = code;
        }
    }
}
