package dev.baton.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible upstream on loopback ({@code POST /v1/chat/completions}) that answers every
 * call with one short completion after a fixed latency. Each exchange runs on its own virtual
 * thread, so a thousand concurrent calls all wait their latency side by side and the server is
 * never the bottleneck of the run it serves.
 */
final class LoopbackOpenAiServer implements AutoCloseable {

    private static final byte[] COMPLETION = """
            {"id":"chatcmpl-bench","object":"chat.completion","created":0,"model":"bench-model",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"No defects found in this part."},\
            "finish_reason":"stop"}],"usage":{"prompt_tokens":24,"completion_tokens":7,"total_tokens":31}}"""
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final long latencyMs;
    private final AtomicLong calls = new AtomicLong();

    LoopbackOpenAiServer(long latencyMs) throws IOException {
        this.latencyMs = latencyMs;
        // A backlog as deep as the widest fan-out: 1,000 agents connect at once.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    /** The base URL a profile points at ({@code http://127.0.0.1:port/v1}). */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Calls answered since the server started. */
    long calls() {
        return calls.get();
    }

    private void complete(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
            if (latencyMs > 0) Thread.sleep(latencyMs);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, COMPLETION.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(COMPLETION);
            }
            calls.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
