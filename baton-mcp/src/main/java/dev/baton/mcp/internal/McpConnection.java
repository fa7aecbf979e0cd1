package dev.baton.mcp.internal;

import dev.baton.mcp.Elicitation;
import dev.baton.mcp.internal.oauth.OAuthException;
import reactor.core.publisher.Mono;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One initialised session with one MCP server. Requests block the calling (virtual) thread until
 * the answer, the time limit, the server's death or an interruption, whichever comes first; the
 * server's death or a broken connection is a {@link Lost}, which the caller answers by dropping
 * the connection. The client declares no sampling or roots capability, so the server's requests
 * for them are answered with a JSON-RPC "method not found" error by the SDK; elicitation is
 * declared only when the caller opts in to {@link Elicitation#ACCEPT_DEFAULTS}.
 */
public final class McpConnection implements AutoCloseable {

    private static final McpSchema.Implementation CLIENT = new McpSchema.Implementation("baton", "0.1.0");

    private final String server;
    private final McpAsyncClient client;
    private final CompletableFuture<String> ended;
    private final boolean heartbeats;
    private volatile String lost;
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(10);

    /** The server is gone (process died, connection broken); the message says how. */
    public static final class Lost extends Exception {
        private final String why;
        private final boolean authorization;

        public Lost(String server, String why) {
            this(server, why, false);
        }

        /** {@code authorization}: the server refused Baton and it could not authorize itself. */
        public Lost(String server, String why, boolean authorization) {
            super("MCP server '" + server + "' stopped: " + why);
            this.why = why;
            this.authorization = authorization;
        }

        /** Whether Baton could not authorize itself to the server (rather than the server or connection failing). */
        public boolean authorization() {
            return authorization;
        }

        /** How it was lost, without the server's name. */
        public String why() {
            return why;
        }
    }

    private McpConnection(String server, McpAsyncClient client, CompletableFuture<String> ended, boolean heartbeats) {
        this.server = server;
        this.client = client;
        this.ended = ended;
        this.heartbeats = heartbeats;
    }

    /**
     * Starts or connects to the server and initialises the session within {@code timeout};
     * {@code elicitation} says whether forms the server asks for are answered with their defaults.
     */
    public static McpConnection open(String server, McpEndpoint endpoint, McpJsonMapper json, Duration timeout,
                                     Elicitation elicitation) throws Lost, TimeoutException, InterruptedException {
        McpEndpoint.Opened opened = endpoint.open(server, json, timeout);
        McpSchema.ClientCapabilities.Builder capabilities = McpSchema.ClientCapabilities.builder();
        McpClient.AsyncSpec spec = McpClient.async(opened.transport())
                .clientInfo(CLIENT)
                .requestTimeout(timeout)
                .initializationTimeout(timeout);
        if (elicitation == Elicitation.ACCEPT_DEFAULTS) {
            capabilities.elicitation(true, false);
            spec.elicitation(request -> Mono.just(ElicitationDefaults.answer(request)));
        }
        McpAsyncClient client = spec.capabilities(capabilities.build()).build();
        McpConnection c = new McpConnection(server, client, opened.ended(), opened.heartbeats());
        try {
            c.await(client.initialize().toFuture(), timeout, "starting");
            return c;
        } catch (Lost | TimeoutException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Whether the server is still there as far as this connection knows. */
    public boolean alive() {
        return lost == null && !ended.isDone();
    }

    /** Every tool the server offers, all pages; none when it declares no tools capability. */
    public List<McpSchema.Tool> listTools(Duration timeout) throws Lost, TimeoutException, InterruptedException {
        McpSchema.ServerCapabilities capabilities = client.getServerCapabilities();
        // a server without tools is a valid server with nothing to offer, not one that failed to start
        if (capabilities != null && capabilities.tools() == null) return List.of();
        List<McpSchema.Tool> tools = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = await(client.listTools(cursor).toFuture(), timeout, "listing tools");
            if (page.tools() != null) tools.addAll(page.tools());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return tools;
    }

    /** Calls {@code tool}; a JSON-RPC error answer is thrown as the SDK's {@link McpError}. */
    public McpSchema.CallToolResult call(String tool, Map<String, Object> arguments, Duration timeout)
            throws Lost, TimeoutException, InterruptedException {
        var request = McpSchema.CallToolRequest.builder().name(tool).arguments(arguments).build();
        return await(client.callTool(request).toFuture(), timeout, "calling '" + tool + "'");
    }

    /** The server's answer, or why there is none. Interruption cancels the request. */
    private <T> T await(CompletableFuture<T> request, Duration timeout, String doing)
            throws Lost, TimeoutException, InterruptedException {
        CompletableFuture<Object> first = CompletableFuture.anyOf(request, ended);
        long deadline = System.nanoTime() + Math.max(1, timeout.toNanos());
        try {
            while (!first.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    request.cancel(true);
                    throw new TimeoutException("MCP server '" + server + "' did not answer within "
                            + timeout.toMillis() / 1000.0 + " s while " + doing);
                }
                try {
                    first.get(Math.min(left, HEARTBEAT.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException slice) {
                    heartbeat(doing, deadline - System.nanoTime());
                }
            }
        } catch (InterruptedException e) {
            request.cancel(true);
            throw e;
        } catch (ExecutionException | CancellationException e) {
            // the request failed: told apart below
        } catch (Lost e) {
            request.cancel(true);
            throw e;
        }
        if (!request.isDone()) {
            request.cancel(true);
            throw lost("its process " + ended.getNow("ended") + " while " + doing);
        }
        try {
            return request.join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof McpError mcp && mcp.getJsonRpcError() != null) throw mcp;
            if (ended.isDone()) throw lost("its process " + ended.getNow("ended") + " while " + doing);
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof OAuthException oauth) {
                    lost = oauth.getMessage();
                    throw new Lost(server, "authorization failed while " + doing + ": " + oauth.getMessage(), true);
                }
            }
            throw lost("the connection failed while " + doing + ": " + McpError.aggregateExceptionMessages(cause));
        }
    }

    /**
     * While a request is in flight over HTTP, a ping every {@link #HEARTBEAT}: the SDK's HTTP
     * transport does not fail a pending request when the server goes away mid-response, so
     * without this a crash would look like a slow call until the time limit. A ping that cannot
     * reach the server means it is gone; a slow or refused ping proves nothing and is ignored.
     */
    private void heartbeat(String doing, long leftNanos) throws Lost, InterruptedException {
        if (!heartbeats) return;
        try {
            client.ping().toFuture().get(Math.max(1, Math.min(PING_TIMEOUT.toNanos(), leftNanos)), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof McpError mcp && mcp.getJsonRpcError() != null) return;
            throw lost("the connection failed while " + doing + ": " + McpError.aggregateExceptionMessages(cause));
        } catch (TimeoutException | CancellationException e) {
            // busy, not gone
        }
    }

    private Lost lost(String why) {
        lost = why;
        return new Lost(server, why);
    }

    /** Ends the session and stops the server process (with its children) when there is one. */
    @Override
    public void close() {
        try {
            client.closeGracefully().block(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            client.close();
        }
    }
}
