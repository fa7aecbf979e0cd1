package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.BatonConfig;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.mcp.server.McpHttpOptions;
import dev.baton.mcp.server.McpHttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code baton serve}: Baton over HTTP on embedded Jetty. For now it serves MCP (Streamable HTTP at
 * {@code /mcp}), turned on by {@code --mcp} or {@code server.mcp: true}. Loopback by default; any
 * other address needs {@code server.token}. Runs until Ctrl-C or SIGTERM, then stops cleanly
 * (requests in flight get a grace period) and exits 0.
 */
@Command(name = "serve", description = "Serve Baton over HTTP: --mcp serves MCP (Streamable HTTP) at /mcp. Loopback by default.")
final class ServeCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to bind (default: server.host, else 127.0.0.1)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "port (default: server.port, else 8787; 0 picks a free one)")
    Integer port;

    @Option(names = "--mcp", description = "serve MCP over Streamable HTTP at /mcp (also: server.mcp: true)")
    boolean mcp;

    ServeCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        try (Baton baton = env.openBaton(); InterruptGuard guard = InterruptGuard.install()) {
            McpHttpOptions options = options(baton.config().server());
            McpHttpServer server = start(baton, options);
            err.println("baton: serving MCP at " + server.url() + (options.token() == null ? "" : " (bearer token required)")
                    + "; Ctrl-C stops");
            err.flush();
            try {
                server.join();
            } catch (InterruptedException stop) {
                err.println("baton: stopping");
                err.flush();
            } finally {
                server.close();
            }
            return ExitCodes.OK;
        }
    }

    private McpHttpOptions options(BatonConfig.ServerConfig config) {
        BatonConfig.ServerConfig c = config == null ? new BatonConfig.ServerConfig(null, null, null, null, null) : config;
        boolean serveMcp = mcp || Boolean.TRUE.equals(c.mcp());
        if (!serveMcp) {
            throw new UsageException("serve: nothing to serve: pass --mcp or set server.mcp: true (MCP is the only endpoint so far)");
        }
        String address = host != null ? host : c.host() != null ? c.host() : McpHttpOptions.DEFAULT_HOST;
        int p = port != null ? port : c.port() != null ? c.port() : McpHttpOptions.DEFAULT_PORT;
        if (p < 0 || p > 65535) throw new UsageException((port != null ? "--port" : "server.port") + ": " + p + " is not a port (0..65535)");
        String token = c.token() == null || c.token().isBlank() ? null : c.token();
        if (token == null && !loopback(address)) {
            throw new UsageException("serve: refusing to serve on " + address + " without server.token: anyone who can reach it "
                    + "could run your ensembles; set server.token (e.g. token: ${BATON_SERVER_TOKEN}) or bind 127.0.0.1");
        }
        return new McpHttpOptions(address, p, token, McpHttpOptions.DEFAULT_MAX_REQUEST_BYTES,
                c.allowedOrigins() == null ? List.of() : c.allowedOrigins());
    }

    private static boolean loopback(String address) {
        if (address.equals("localhost")) return true;
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UsageException("--host: unknown address " + address);
        }
    }

    private static McpHttpServer start(Baton baton, McpHttpOptions options) throws Exception {
        try {
            return McpServerFactory.of(baton).serveHttp(options);
        } catch (IOException e) {
            throw new BatonException(ErrorCode.INSUFFICIENT_RESOURCES, "serve: cannot listen on " + options.host() + ":"
                    + options.port() + ": " + e.getMessage());
        }
    }
}
