package dev.baton.server;

import dev.baton.Baton;
import dev.baton.mcp.server.BatonMcpServer;
import dev.baton.mcp.server.McpHttpOptions;
import dev.baton.mcp.server.McpHttpServer;
import dev.baton.server.internal.AccessLog;
import dev.baton.server.internal.AuthGuard;
import dev.baton.server.internal.BackgroundLines;
import dev.baton.server.internal.ConcurrencyLimit;
import dev.baton.server.internal.CoreRoutes;
import dev.baton.server.internal.GuardChain;
import dev.baton.server.internal.GuardsFilter;
import dev.baton.server.internal.HealthServlet;
import dev.baton.server.internal.HostGuard;
import dev.baton.server.internal.Mounting;
import dev.baton.server.internal.RequestDeadline;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Baton over HTTP: one Jetty server, a virtual thread per request, serving {@code /healthz},
 * {@code /readyz}, MCP at {@code /mcp} (when asked) and every {@link ServerModule}'s routes: the
 * gateway's exact-path routes on Jetty's core handler, the rest on servlets. Each request passes the
 * same {@link Guard}s, in order: the access log, the Host/Origin/CORS guard and body limit,
 * authentication (unless the options turn it off), the per-caller concurrency limit, the request
 * deadline, then the modules' guards.
 *
 * <p>{@link #close()} stops gracefully: it stops accepting, tells the modules, lets requests in
 * flight finish for the shutdown grace, then closes the modules (which cancel what still runs)
 * and MCP. It does not close the {@link Baton}: whoever opened it does, which flushes the ledger.
 */
public final class BatonServer implements AutoCloseable {

    private final Server jetty;
    private final ServerConnector connector;
    private final List<ServerModule> modules;
    private final McpHttpServer.@Nullable Mounted mcp;
    private final ServerOptions options;
    private final @Nullable BackgroundLines accessLog;
    private final RequestDeadline deadline;
    private volatile boolean stopping;
    private boolean closed;

    private BatonServer(Server jetty, ServerConnector connector, List<ServerModule> modules,
                        McpHttpServer.@Nullable Mounted mcp, ServerOptions options, @Nullable BackgroundLines accessLog,
                        RequestDeadline deadline) {
        this.deadline = deadline;
        this.accessLog = accessLog;
        this.jetty = jetty;
        this.connector = connector;
        this.modules = modules;
        this.mcp = mcp;
        this.options = options;
    }

    /** A server of {@code baton} listening as {@code options} say; {@link Builder#start()} starts it. */
    public static Builder builder(Baton baton, ServerOptions options) {
        return new Builder(baton, options);
    }

    /** The port bound (the one picked when the options asked for 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public String url() {
        String host = connector.getHost() == null ? ServerOptions.DEFAULT_HOST : connector.getHost();
        if (host.equals("0.0.0.0") || host.equals("::")) host = "127.0.0.1";
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    public ServerOptions options() {
        return options;
    }

    /** Whether a stop has begun ({@code /readyz} answers 503 from then on). */
    public boolean stopping() {
        return stopping;
    }

    /** Blocks until the server stops. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) return;
        closed = true;
        stopping = true;
        Exception failure = null;
        for (ServerModule m : modules) {
            try {
                m.stopping();
            } catch (RuntimeException e) {
                failure = add(failure, e);
            }
        }
        try {
            // graceful: connectors stop accepting, GracefulHandler waits for requests in flight...
            org.eclipse.jetty.util.component.Graceful.shutdown(jetty)
                    .get(options.shutdownGrace().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException graceOver) {
            // ...up to the grace: what still runs is cut off below, as a stop is told to do
        } catch (java.util.concurrent.ExecutionException e) {
            failure = add(failure, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            jetty.setStopTimeout(0); // the grace is spent: stop now
            jetty.stop();
        } catch (Exception e) {
            failure = add(failure, e);
        }
        for (ServerModule m : modules.reversed()) {
            try {
                m.close();
            } catch (Exception e) {
                failure = add(failure, e);
            }
        }
        if (mcp != null) {
            try {
                mcp.close();
            } catch (Exception e) {
                failure = add(failure, e);
            }
        }
        if (accessLog != null) accessLog.close();
        deadline.close();
        if (failure != null) throw failure;
    }

    private static Exception add(@Nullable Exception first, Exception next) {
        if (first == null) return next;
        first.addSuppressed(next);
        return first;
    }

    /** Builder for {@link BatonServer}. */
    public static final class Builder {
        private final Baton baton;
        private final ServerOptions options;
        private final List<ServerModule> modules = new ArrayList<>();
        private @Nullable Authenticator authenticator;
        private @Nullable BatonMcpServer mcp;
        private @Nullable Consumer<String> accessLog;
        private boolean accessLogSet;
        private boolean servletRoutesOnly;

        private Builder(Baton baton, ServerOptions options) {
            this.baton = Objects.requireNonNull(baton);
            this.options = Objects.requireNonNull(options);
        }

        /**
         * Who may call; with {@link ServerOptions#auth()} on, a key it does not know is refused.
         * {@code server.token}, when set, is accepted besides what this knows.
         */
        public Builder authenticator(Authenticator a) {
            this.authenticator = a;
            return this;
        }

        /** Serves {@code server} at {@code /mcp} when the options ask for MCP. */
        public Builder mcp(BatonMcpServer server) {
            this.mcp = server;
            return this;
        }

        public Builder module(ServerModule module) {
            modules.add(module);
            return this;
        }

        /** Where access log lines go (default: stderr, written by a background thread); {@code null} turns the log off. */
        public Builder accessLog(@Nullable Consumer<String> sink) {
            this.accessLog = sink;
            this.accessLogSet = true;
            return this;
        }

        /**
         * Serves the modules' core routes ({@link ServerContext#route}) as servlets instead, behind the same
         * guards: the servlet path the core routes replaced, kept to compare the two.
         */
        public Builder servletRoutesOnly() {
            this.servletRoutesOnly = true;
            return this;
        }

        /** Mounts everything and starts listening; on failure nothing is left running. */
        public BatonServer start() throws Exception {
            QueuedThreadPool threads = new QueuedThreadPool();
            threads.setName("baton-http");
            threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
            Server jetty = new Server(threads);
            // no "Server: Jetty(12.x.y)" on every answer: the exact version helps only someone looking for a hole
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
            connector.setHost(options.host());
            connector.setPort(options.port());
            connector.setIdleTimeout(60_000);
            jetty.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath("/");
            BackgroundLines stderr = accessLogSet ? null : new BackgroundLines(System.err, "baton-access-log");
            AccessLog log = new AccessLog(accessLogSet ? accessLog : stderr);
            Set<String> publicPatterns = ConcurrentHashMap.newKeySet();
            // the one order every request passes, servlet or core route; modules' guards (tracing) come after
            GuardChain guards = new GuardChain();
            guards.add(log);
            guards.add(new HostGuard(options.host(), options.allowedHosts(), options.allowedOrigins(), options.corsOrigins(), options.maxRequestBytes()));
            guards.add(new AuthGuard(options.auth() ? authenticatorWithToken() : null, publicPatterns));
            guards.add(new ConcurrencyLimit(options.maxConcurrentPerKey()));
            RequestDeadline deadline = new RequestDeadline(options.requestTimeout());
            guards.add(deadline);
            add(context, new GuardsFilter(guards));
            CoreRoutes core = servletRoutesOnly ? null : new CoreRoutes(guards, context);

            BatonServer[] self = new BatonServer[1];
            Mounting mounting = new Mounting(baton, options, context, log, publicPatterns, guards, core);
            mounting.publicServlet("/healthz", new HealthServlet(baton, baton.json(), false, () -> self[0] != null && self[0].stopping));
            mounting.publicServlet("/readyz", new HealthServlet(baton, baton.json(), true, () -> self[0] != null && self[0].stopping));

            McpHttpServer.Mounted mounted = null;
            List<ServerModule> started = new ArrayList<>();
            try {
                if (options.mcp() && mcp != null) {
                    // HostGuard has checked Host (with server.allowed_hosts) and Origin for every route, /mcp
                    // included; the MCP guard is told the bind is a wildcard so it does not refuse a proxy's Host again
                    mounted = McpHttpServer.mount(mcp, context, new McpHttpOptions("0.0.0.0", options.port(), null,
                            options.maxRequestBytes(), concat(options.allowedOrigins(), options.corsOrigins())));
                }
                for (ServerModule m : modules) {
                    m.mount(mounting);
                    started.add(m);
                }
                GracefulHandler graceful = new GracefulHandler();
                graceful.setHandler(core != null ? core : context);
                jetty.setHandler(graceful);
                jetty.start();
            } catch (Exception e) {
                for (ServerModule m : started.reversed()) {
                    try {
                        m.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                if (mounted != null) mounted.close();
                jetty.stop();
                if (stderr != null) stderr.close();
                deadline.close();
                throw e;
            }
            BatonServer server = new BatonServer(jetty, connector, List.copyOf(modules), mounted, options, stderr, deadline);
            self[0] = server;
            return server;
        }

        private @Nullable Authenticator authenticatorWithToken() {
            Authenticator token = options.token() == null ? null : new StaticToken(options.token());
            if (authenticator == null) return token == null ? key -> java.util.Optional.empty() : token;
            return token == null ? authenticator : token.or(authenticator);
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }

        private static void add(ServletContextHandler context, Filter filter) {
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        }
    }

    /** {@code server.token}: one static key, compared in constant time, whose caller is named {@code token}. */
    private record StaticToken(String token) implements Authenticator {
        @Override
        public java.util.Optional<Caller> authenticate(String presentedKey) {
            boolean same = java.security.MessageDigest.isEqual(presentedKey.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return same ? java.util.Optional.of(new Caller("token", "server.token", Set.of())) : java.util.Optional.empty();
        }

        @Override
        public String toString() {
            return "StaticToken[set]";
        }
    }
}
