package dev.baton.mcp.server;

import dev.baton.mcp.server.internal.CancellableCalls;
import dev.baton.mcp.server.internal.RequestGuard;
import dev.baton.mcp.server.internal.SdkServers;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerHttpHeaderValidator;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Executors;

/**
 * Baton's MCP server over Streamable HTTP at {@code /mcp}, on embedded Jetty with a virtual thread
 * per request. Every request passes a {@link RequestGuard} first (Host and Origin against DNS
 * rebinding, the optional bearer token, the body size limit); a client's
 * {@code notifications/cancelled} interrupts the tool call it names ({@link CancellableCalls}). {@link #close()} stops accepting,
 * closes the MCP sessions and stops Jetty; so does the JVM shutting down (Ctrl-C, SIGTERM).
 */
public final class McpHttpServer implements AutoCloseable {

    /** The path of the MCP endpoint. */
    public static final String PATH = "/mcp";

    /** How long a stop waits for requests in flight before closing them. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Server jetty;
    private final Mounted mounted;
    private final ServerConnector connector;

    private McpHttpServer(Server jetty, ServerConnector connector, Mounted mounted) {
        this.jetty = jetty;
        this.connector = connector;
        this.mounted = mounted;
    }

    static McpHttpServer start(BatonMcpServer server, McpHttpOptions options) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("baton-mcp-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server jetty = new Server(threads);
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(options.host());
        connector.setPort(options.port());
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        Mounted mounted = mount(server, context, options);
        jetty.setHandler(context);
        jetty.setStopTimeout(STOP_GRACE.toMillis());
        jetty.setStopAtShutdown(true);
        try {
            jetty.start();
        } catch (Exception e) {
            mounted.close();
            jetty.stop();
            throw e;
        }
        return new McpHttpServer(jetty, connector, mounted);
    }

    /**
     * Mounts MCP at {@link #PATH} in a servlet context that another server serves (Baton's HTTP
     * server hosts it beside its own routes). The {@link RequestGuard} (Host, Origin, the token
     * when {@code options} has one, the body size limit) and the cancellation filter cover
     * {@code /mcp} only; {@code options.host()} is the address the host server binds. Closing the
     * result closes the MCP sessions and the resource watches, not the context.
     */
    public static Mounted mount(BatonMcpServer server, ServletContextHandler context, McpHttpOptions options) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(SdkServers.mapper())
                .mcpEndpoint(PATH)
                .maxRequestSize(options.maxRequestBytes())
                // Host and Origin are checked by RequestGuard before the transport, with Baton's rules and messages
                .httpHeaderValidator(ServerHttpHeaderValidator.NOOP)
                .keepAliveInterval(Duration.ofSeconds(30))
                .build();
        BatonMcpServer.Serving serving = server.build(transport);
        ServletHolder holder = new ServletHolder("mcp", transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, PATH);
        FilterHolder guard = new FilterHolder(new RequestGuard(options.host(), options.allowedOrigins(),
                options.token(), options.maxRequestBytes()));
        guard.setAsyncSupported(true);
        context.addFilter(guard, PATH, EnumSet.of(DispatcherType.REQUEST));
        FilterHolder cancellation = new FilterHolder(new CancellableCalls(options.maxRequestBytes()));
        cancellation.setAsyncSupported(true);
        context.addFilter(cancellation, PATH, EnumSet.of(DispatcherType.REQUEST));
        return new Mounted(serving.mcp(), serving.watches());
    }

    /** MCP mounted in a servlet context: {@link #close()} ends its sessions and resource watches. */
    public static final class Mounted implements AutoCloseable {
        private final McpSyncServer mcp;
        private final AutoCloseable watches;

        private Mounted(McpSyncServer mcp, AutoCloseable watches) {
            this.mcp = mcp;
            this.watches = watches;
        }

        @Override
        public void close() throws Exception {
            try {
                watches.close();
            } finally {
                mcp.closeGracefully();
            }
        }
    }

    /** The port bound (the one picked when the options asked for 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port/mcp}. */
    public String url() {
        String host = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + PATH;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() throws Exception {
        try {
            mounted.close();
        } finally {
            jetty.stop();
        }
    }
}
