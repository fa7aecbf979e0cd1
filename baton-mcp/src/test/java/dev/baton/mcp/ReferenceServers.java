package dev.baton.mcp;

import dev.baton.testing.Peers;
import dev.baton.tool.Sandbox;
import dev.baton.tool.ToolContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference MCP servers pinned in shared/peers.md, installed on demand into {@code .peers/}
 * (tests skip only when npm is absent), and what tests need around them: their command lines, a
 * Streamable HTTP server on a free loopback port, finding and killing a server process.
 */
final class ReferenceServers {

    static final String VERSION = "2026.8.31";

    private ReferenceServers() {
    }

    static Path everythingScript() {
        return Peers.install("@modelcontextprotocol/server-everything", VERSION).resolve("dist/index.js");
    }

    static Path filesystemScript() {
        return Peers.install("@modelcontextprotocol/server-filesystem", VERSION).resolve("dist/index.js");
    }

    static String node() {
        String node = Peers.which("node");
        org.junit.jupiter.api.Assumptions.assumeTrue(node != null, "node is not installed: skipping the MCP interop test");
        return node;
    }

    /** A free loopback port (free when asked; the server binds it right after). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts server-everything over Streamable HTTP on {@code port} and waits until it accepts connections. */
    static Process startEverythingHttp(int port) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(node(), everythingScript().toString(), "streamableHttp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PORT", Integer.toString(port));
        Process p = pb.start();
        Instant until = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(until)) {
            if (!p.isAlive()) throw new IllegalStateException("server-everything (HTTP) exited with " + p.exitValue());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("server-everything (HTTP) did not listen on port " + port + " within 60 s");
    }

    /** The live descendant of this JVM whose command line mentions {@code marker}. */
    static Optional<ProcessHandle> serverProcess(String marker) {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false)
                        || h.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .findFirst();
    }

    /** Kills {@code process} at once (SIGKILL) and waits until it is gone. */
    static void kill(ProcessHandle process) throws Exception {
        process.destroyForcibly();
        process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    static ToolContext context(Path root) {
        return new ToolContext("", "", new RootOnly(root), Instant.now().plus(Duration.ofMinutes(2)));
    }

    static Map<String, String> env() {
        return System.getenv();
    }

    /** A sandbox that only knows its root: MCP tools run in their own server, so no path or command goes through it. */
    record RootOnly(Path root) implements Sandbox {
        @Override
        public Path readable(String path) {
            throw new UnsupportedOperationException("not used by MCP tools");
        }

        @Override
        public Path writable(String path) {
            throw new UnsupportedOperationException("not used by MCP tools");
        }

        @Override
        public int outputCapBytes() {
            return 1 << 20;
        }

        @Override
        public Duration callTimeLimit() {
            return Duration.ofMinutes(2);
        }

        @Override
        public CommandResult run(List<String> argv, boolean shell, Path workingDirectory, Duration timeLimit) {
            throw new UnsupportedOperationException("not used by MCP tools");
        }
    }
}
