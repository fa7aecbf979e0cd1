package dev.baton.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The stdio transport of one MCP server: starts {@code argv} without a shell in {@code cwd} with
 * exactly {@code env}, writes JSON-RPC messages as lines to its stdin and reads them from its
 * stdout. Unlike the SDK's stdio transport it owns the {@link Process}, so it can report the
 * server's death at once ({@link #ended()}: the session would otherwise wait for the request
 * timeout) and stop the whole process tree on close.
 */
public final class StdioServerTransport implements McpClientTransport {

    private static final Logger log = LoggerFactory.getLogger(StdioServerTransport.class);
    private static final int STDERR_TAIL_LINES = 5;
    private static final long STOP_GRACE_MS = 2_000;

    private final String server;
    private final List<String> argv;
    private final Map<String, String> env;
    private final Path cwd;
    private final McpJsonMapper json;
    // stdin is written by callers and by the reader thread (answers to server requests): one writer at a time
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile Process process;
    private volatile boolean closing;

    public StdioServerTransport(String server, List<String> argv, Map<String, String> env, Path cwd, McpJsonMapper json) {
        this.server = server;
        this.argv = List.copyOf(argv);
        this.env = Map.copyOf(env);
        this.cwd = cwd;
        this.json = json;
    }

    /** Completes, with why, when the server's output ends: it exited or closed stdout. Never completes exceptionally. */
    public CompletableFuture<String> ended() {
        return ended;
    }

    /** The server process, once started. */
    public java.util.Optional<ProcessHandle> process() {
        Process p = process;
        return p == null ? java.util.Optional.empty() : java.util.Optional.of(p.toHandle());
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return Mono.fromRunnable(() -> start(handler));
    }

    private void start(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            ended.complete("could not be started (" + e.getMessage() + ")");
            throw new IllegalStateException("cannot start MCP server '" + server + "' (" + argv.getFirst() + "): "
                    + e.getMessage(), e);
        }
        process = p;
        Thread.ofVirtual().name("mcp-" + server + "-stdout").start(() -> readMessages(p, handler));
        Thread.ofVirtual().name("mcp-" + server + "-stderr").start(() -> readErrors(p));
    }

    private void readMessages(Process p, Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) continue;
                McpSchema.JSONRPCMessage message;
                try {
                    message = McpSchema.deserializeJsonRpcMessage(json, line);
                } catch (IOException | RuntimeException e) {
                    // a server that prints something else on stdout breaks no pending call: skip the line
                    log.warn("MCP server '{}' wrote a line that is not JSON-RPC; ignored", server);
                    continue;
                }
                handler.apply(Mono.just(message)).subscribe(m -> { },
                        e -> log.warn("MCP server '{}': handling a message failed: {}", server, e.toString()));
            }
        } catch (IOException e) {
            if (!closing) log.debug("MCP server '{}': reading stdout failed: {}", server, e.toString());
        }
        ended.complete(describeExit(p));
    }

    private void readErrors(Process p) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                log.debug("MCP server '{}' stderr: {}", server, line);
                synchronized (stderrTail) {
                    stderrTail.addLast(line.length() > 300 ? line.substring(0, 300) + "…" : line);
                    if (stderrTail.size() > STDERR_TAIL_LINES) stderrTail.removeFirst();
                }
            }
        } catch (IOException e) {
            // the process is gone; its exit is reported by the stdout reader
        }
    }

    /** "exited with code 1 (last stderr: ...)"; waits briefly for the exit code after stdout closed. */
    private String describeExit(Process p) {
        try {
            if (p.waitFor(1, TimeUnit.SECONDS)) {
                String tail;
                synchronized (stderrTail) {
                    tail = stderrTail.isEmpty() ? "" : " (last stderr: " + stderrTail.peekLast() + ")";
                }
                return "exited with code " + p.exitValue() + tail;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "closed its output";
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> write(message));
    }

    private void write(McpSchema.JSONRPCMessage message) {
        Process p = process;
        if (p == null || !p.isAlive() || closing) {
            throw new IllegalStateException("MCP server '" + server + "' is not running");
        }
        String line;
        try {
            line = json.writeValueAsString(message) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a message for MCP server '" + server + "'", e);
        }
        writeLock.lock();
        try {
            OutputStream out = p.getOutputStream();
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("MCP server '" + server + "' stopped reading its input: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.fromRunnable(this::stop);
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Closes stdin (the stdio way of asking a server to exit), then terminates the server and
     * every process it started, forcibly after a grace period. Idempotent.
     */
    private void stop() {
        closing = true;
        Process p = process;
        if (p == null) return;
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // already closed: the process is going away
        }
        // children first, collected before the parent exits and they are re-parented out of reach
        List<ProcessHandle> tree = p.descendants().toList();
        try {
            if (!p.waitFor(STOP_GRACE_MS / 4, TimeUnit.MILLISECONDS)) {
                tree.forEach(ProcessHandle::destroy);
                p.destroy();
                if (!p.waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS)) p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return json.convertValue(data, type);
    }
}
