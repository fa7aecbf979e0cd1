package dev.baton.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 that answers with scripted replies in order and records every
 * request. Replies can be whole bodies or frames written one by one with pauses (SSE, NDJSON),
 * can stall before the first byte, and can notice that the client went away.
 */
public final class LoopbackServer implements AutoCloseable {

    /** A recorded request. */
    public record Recorded(String method, String path, String query, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /**
     * A scripted reply. {@code frames} are written and flushed one by one, {@code frameDelay} apart,
     * encoded as UTF-8, or byte for byte (ISO-8859-1) when {@code binary} (see {@link #binary}).
     */
    public record Reply(int status, Map<String, String> headers, List<String> frames, Duration firstByteDelay,
                        Duration frameDelay, boolean keepWritingUntilClientLeaves, boolean binary) {

        public Reply(int status, Map<String, String> headers, List<String> frames, Duration firstByteDelay,
                     Duration frameDelay, boolean keepWritingUntilClientLeaves) {
            this(status, headers, frames, firstByteDelay, frameDelay, keepWritingUntilClientLeaves, false);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), List.of(body), Duration.ZERO,
                    Duration.ZERO, false);
        }

        public static Reply stream(String contentType, List<String> frames) {
            return new Reply(200, Map.of("Content-Type", contentType), frames, Duration.ZERO, Duration.ZERO, false);
        }

        /** A 200 answer of binary frames (e.g. AWS event-stream messages), each written as it is. */
        public static Reply binary(String contentType, List<byte[]> frames) {
            List<String> latin1 = frames.stream().map(f -> new String(f, StandardCharsets.ISO_8859_1)).toList();
            return new Reply(200, Map.of("Content-Type", contentType), latin1, Duration.ZERO, Duration.ZERO, false, true);
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, frames, firstByteDelay, frameDelay, keepWritingUntilClientLeaves, binary);
        }

        public Reply withFirstByteDelay(Duration d) {
            return new Reply(status, headers, frames, d, frameDelay, keepWritingUntilClientLeaves, binary);
        }

        public Reply withFrameDelay(Duration d) {
            return new Reply(status, headers, frames, firstByteDelay, d, keepWritingUntilClientLeaves, binary);
        }

        /** After the frames, keeps writing the last frame until the client disconnects (max 20 s). */
        public Reply untilClientLeaves() {
            return new Reply(status, headers, frames, firstByteDelay, frameDelay, true, binary);
        }

        byte[] bytes(String frame) {
            return frame.getBytes(binary ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch clientLeft = new CountDownLatch(1);
    private volatile Reply defaultReply = Reply.json(500, "{\"error\":{\"message\":\"no reply scripted\"}}");

    public LoopbackServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public LoopbackServer enqueue(Reply reply) {
        replies.add(reply);
        return this;
    }

    public void setDefaultReply(Reply reply) {
        this.defaultReply = reply;
    }

    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public Recorded lastRequest() {
        List<Recorded> all = requests();
        if (all.isEmpty()) throw new AssertionError("the server received no request");
        return all.get(all.size() - 1);
    }

    /** Waits until the client dropped a connection the server was still writing to. */
    public boolean awaitClientLeft(Duration timeout) throws InterruptedException {
        return clientLeft.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers, body));
        Reply reply = replies.poll();
        if (reply == null) reply = defaultReply;
        try {
            respond(exchange, reply);
        } catch (IOException e) {
            clientLeft.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private void respond(HttpExchange exchange, Reply reply) throws IOException, InterruptedException {
        sleep(reply.firstByteDelay());
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        boolean single = reply.frames().size() == 1 && !reply.keepWritingUntilClientLeaves()
                && reply.frameDelay().isZero();
        if (single) {
            byte[] bytes = reply.bytes(reply.frames().get(0));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) exchange.getResponseBody().write(bytes);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), 0);
        OutputStream out = exchange.getResponseBody();
        for (String frame : reply.frames()) {
            out.write(reply.bytes(frame));
            out.flush();
            sleep(reply.frameDelay());
        }
        if (reply.keepWritingUntilClientLeaves()) {
            String last = reply.frames().isEmpty() ? ": keep-alive\n\n" : reply.frames().get(reply.frames().size() - 1);
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < until) {
                out.write(reply.bytes(last));
                out.flush();
                Thread.sleep(20);
            }
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero()) Thread.sleep(d.toMillis());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
