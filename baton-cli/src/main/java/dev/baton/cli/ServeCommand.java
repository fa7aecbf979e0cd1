package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.BatonConfig;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerModules;
import dev.baton.server.ServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code baton serve}: Baton over HTTP on embedded Jetty — health checks, MCP at {@code /mcp} and
 * every standard server module. Every route needs an API key unless {@code --no-auth}, which a
 * non-loopback bind refuses. Runs until Ctrl-C or SIGTERM, then stops gracefully (requests in
 * flight get the shutdown grace, what remains is cancelled, the ledger is flushed) and exits 0.
 * It also runs a task worker ({@code baton worker}'s, with the same flags) unless {@code --no-worker}
 * or {@code worker: {enabled: false}} ({@code --worker} wins over the latter).
 */
@Command(name = "serve", description = "Serve Baton over HTTP: health, MCP at /mcp, the REST API and the gateway. Loopback by default.")
final class ServeCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to bind (default: server.host, else 127.0.0.1)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "port (default: server.port, else 8787; 0 picks a free one)")
    Integer port;

    @Option(names = "--mcp", negatable = true, description = "serve MCP (Streamable HTTP) at /mcp (default: server.mcp, else yes)")
    Boolean mcp;

    @Option(names = "--no-auth", description = "serve without API keys (loopback only; also: server.auth: false)")
    boolean noAuth;

    @Option(names = "--worker", negatable = true,
            description = "run a task worker in this process; --no-worker serves the API only (default: worker.enabled, else yes)")
    Boolean runWorker;

    @picocli.CommandLine.Mixin
    WorkerOptions worker;

    ServeCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try (Baton baton = env.openBaton()) {
            ServerOptions options = options(baton.config().server());
            // a signal interrupts the join below; the stop then takes up to the grace, plus time to flush
            try (InterruptGuard guard = InterruptGuard.install(options.shutdownGrace().plusSeconds(10))) {
                BatonServer server = start(baton, options);
                dev.baton.config.WorkerConfig workerConfig = baton.config().worker();
                boolean withWorker = runWorker != null ? runWorker : workerConfig == null || workerConfig.enabledOrDefault();
                dev.baton.task.TaskWorker tasks = withWorker ? baton.tasks().startWorker(worker.settings(workerConfig)) : null;
                err.println("baton: serving " + server.url() + (options.mcp() ? " (MCP at " + server.url() + "/mcp)" : "")
                        + (options.auth() ? "; API keys required" : "; no authentication (--no-auth)")
                        + (tasks == null ? "; no task worker (" + (runWorker != null ? "--no-worker" : "worker.enabled: false") + ")"
                                : "; task worker " + tasks.replica())
                        + "; Ctrl-C stops");
                err.flush();
                try {
                    server.join();
                } catch (InterruptedException stop) {
                    err.println("baton: stopping (requests in flight get " + options.shutdownGrace().toSeconds() + " s)");
                    err.flush();
                } finally {
                    // the worker first: its running tasks finish or go back to the queue while the server drains
                    try {
                        if (tasks != null) tasks.close();
                    } finally {
                        server.close();
                    }
                }
            }
            return ExitCodes.OK;
        }
    }

    private ServerOptions options(BatonConfig.ServerConfig config) {
        BatonConfig.ServerConfig c = config == null ? BatonConfig.ServerConfig.empty() : config;
        String address = host != null ? host : c.host() != null ? c.host() : ServerOptions.DEFAULT_HOST;
        int p = port != null ? port : c.port() != null ? c.port() : ServerOptions.DEFAULT_PORT;
        if (p < 0 || p > 65535) throw new UsageException((port != null ? "--port" : "server.port") + ": " + p + " is not a port (0..65535)");
        boolean auth = !noAuth && !Boolean.FALSE.equals(c.auth());
        if (!auth && !loopback(address)) {
            throw new UsageException("serve: refusing to serve on " + address + " without authentication ("
                    + (noAuth ? "--no-auth" : "server.auth: false") + "): anyone who can reach it could run your ensembles "
                    + "and spend your budget; drop it and create keys with `baton keys create`, or bind 127.0.0.1");
        }
        String token = c.token() == null || c.token().isBlank() ? null : c.token();
        int maxBytes = positive(c.maxRequestBytes(), ServerOptions.DEFAULT_MAX_REQUEST_BYTES, "server.max_request_bytes");
        int perKey = positive(c.maxConcurrentPerKey(), ServerOptions.DEFAULT_MAX_CONCURRENT_PER_KEY, "server.max_concurrent_per_key");
        Duration timeout = seconds(c.requestTimeoutSeconds(), ServerOptions.DEFAULT_REQUEST_TIMEOUT, "server.request_timeout_seconds");
        Duration grace = seconds(c.shutdownGraceSeconds(), ServerOptions.DEFAULT_SHUTDOWN_GRACE, "server.shutdown_grace_seconds");
        boolean serveMcp = mcp != null ? mcp : !Boolean.FALSE.equals(c.mcp());
        return new ServerOptions(address, p, auth, token, maxBytes, c.allowedOrigins(), c.corsOrigins(), timeout, grace,
                perKey, serveMcp, c.allowedHosts());
    }

    private static int positive(Integer value, int fallback, String key) {
        if (value == null) return fallback;
        if (value <= 0) throw new UsageException(key + ": " + value + " must be a positive integer");
        return value;
    }

    private static Duration seconds(Double value, Duration fallback, String key) {
        if (value == null) return fallback;
        if (!(value > 0) || value.isInfinite()) throw new UsageException(key + ": " + value + " must be a positive number of seconds");
        return Duration.ofMillis(Math.round(value * 1000));
    }

    private static boolean loopback(String address) {
        if (address.equals("localhost")) return true;
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UsageException("--host: unknown address " + address);
        }
    }

    private static BatonServer start(Baton baton, ServerOptions options) throws Exception {
        BatonServer.Builder builder = BatonServer.builder(baton, options).mcp(McpServerFactory.of(baton));
        ServerModules.authenticator(baton).ifPresent(builder::authenticator);
        ServerModules.standard(baton).forEach(builder::module);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new BatonException(ErrorCode.INSUFFICIENT_RESOURCES, "serve: cannot listen on " + options.host() + ":"
                    + options.port() + ": " + e.getMessage());
        }
    }
}
