package dev.baton.mcp.server;

import dev.baton.mcp.server.internal.FeatureRegistry;
import dev.baton.mcp.server.internal.SdkServers;
import dev.baton.mcp.server.internal.SessionHooks;
import dev.baton.mcp.server.internal.StdioCancellation;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * Baton's MCP server, described once (name, version, the extensions that register its tools,
 * resources and prompts) and served over either transport: {@link #serveStdio} for a client that
 * starts Baton as a subprocess, {@link #serveHttp} for Streamable HTTP at {@code /mcp}. Each
 * transport builds its own SDK server from the same features, so sessions never share state
 * beyond what the features themselves share.
 */
public final class BatonMcpServer {

    private final String name;
    private final String version;
    private final String instructions;
    private final List<McpServerExtension> extensions;

    private BatonMcpServer(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.instructions = b.instructions;
        this.extensions = List.copyOf(b.extensions);
        features(); // a duplicate name fails here, at build time, not when a client connects
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Serves one client over {@code in}/{@code out} (JSON-RPC, one message a line) and returns when
     * {@code in} ends. Nothing but protocol messages is written to {@code out}. A client's
     * {@code notifications/cancelled} interrupts the tool call it names ({@link StdioCancellation}).
     */
    public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        StdioCancellation cancellation = new StdioCancellation();
        SessionHooks hooks = new SessionHooks();
        StdioServerTransportProvider transport = new StdioServerTransportProvider(SdkServers.mapper(),
                new EndSignal(cancellation.watch(in), ended), out);
        FeatureRegistry features = features();
        McpSyncServer server = SdkServers.build(McpServer.sync(hooks.wrap(transport)), features, name, version, instructions,
                hooks, cancellation);
        try (AutoCloseable watches = SdkServers.watch(features, server, hooks)) {
            ended.await();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("stopping the resource watches failed: " + e.getMessage(), e);
        } finally {
            server.closeGracefully();
        }
    }

    /** Starts Streamable HTTP at {@code /mcp} on embedded Jetty; close the returned server to stop it. */
    public McpHttpServer serveHttp(McpHttpOptions options) throws Exception {
        return McpHttpServer.start(this, options);
    }

    /**
     * The SDK server over {@code transport} (Streamable HTTP), with this server's features, and its
     * started resource watches.
     */
    Serving build(McpStreamableServerTransportProvider transport) {
        SessionHooks hooks = new SessionHooks();
        FeatureRegistry features = features();
        // tool handlers run on the request's own thread, which CancellableCalls interrupts on notifications/cancelled
        McpSyncServer mcp = SdkServers.build(McpServer.sync(hooks.wrap(transport)).immediateExecution(true), features, name,
                version, instructions, hooks);
        return new Serving(mcp, SdkServers.watch(features, mcp, hooks));
    }

    /** A built SDK server and the handle that stops its resource watches (close it first). */
    record Serving(McpSyncServer mcp, AutoCloseable watches) {
    }

    private FeatureRegistry features() {
        FeatureRegistry registry = new FeatureRegistry();
        extensions.forEach(e -> e.register(registry));
        return registry;
    }

    public static final class Builder {
        private String name = "baton";
        private String version = "dev";
        private String instructions = "Baton: LLM orchestration. Run ensembles of agents, ask models, read recorded runs.";
        private final List<McpServerExtension> extensions = new ArrayList<>();

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        public Builder version(String version) {
            this.version = Objects.requireNonNull(version);
            return this;
        }

        public Builder instructions(String instructions) {
            this.instructions = Objects.requireNonNull(instructions);
            return this;
        }

        /** Adds an extension; extensions register in the order added. */
        public Builder extension(McpServerExtension extension) {
            extensions.add(Objects.requireNonNull(extension));
            return this;
        }

        /** @throws IllegalArgumentException when two extensions register the same name or URI */
        public BatonMcpServer build() {
            return new BatonMcpServer(this);
        }
    }

    /** Counts down when the stream it wraps ends (or fails): the client went away. */
    private static final class EndSignal extends FilterInputStream {
        private final CountDownLatch ended;

        EndSignal(InputStream in, CountDownLatch ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            return signal(() -> super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return signal(() -> super.read(b, off, len));
        }

        private int signal(IoRead read) throws IOException {
            try {
                int n = read.read();
                if (n < 0) ended.countDown();
                return n;
            } catch (IOException e) {
                ended.countDown();
                throw e;
            }
        }

        @FunctionalInterface
        private interface IoRead {
            int read() throws IOException;
        }
    }
}
