package dev.baton.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1:0 answering with scripted responses in order, the last one
 * repeated. A trickle response writes a line every interval until the client drops the
 * connection, which {@link #clientDropped()} then reports; a chunked response sends its body
 * without a length and ends it. {@link #connections()} counts the client connections seen.
 */
public final class LoopbackServer implements AutoCloseable {

    /** One scripted answer. */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay, Duration trickle) {
        public static Answer ok(String body) {
            return new Answer(200, Map.of(), body, Duration.ZERO, null);
        }

        public static Answer status(int status, Map<String, String> headers) {
            return new Answer(status, headers, "{\"error\":\"scripted\"}", Duration.ZERO, null);
        }

        /** Sends {@code body} chunked (as a streamed answer arrives), then ends the body normally. */
        public static Answer chunked(String body) {
            return new Answer(200, Map.of("Content-Type", "text/event-stream"), body, Duration.ZERO, Duration.ZERO);
        }

        /** Sends {@code first} at once, then a line every {@code every} until the client goes away. */
        public static Answer trickle(String first, Duration every) {
            return new Answer(200, Map.of(), first, Duration.ZERO, every);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final java.util.Set<java.net.InetSocketAddress> clients = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final CountDownLatch dropped = new CountDownLatch(1);
    private volatile Answer last = Answer.ok("ok");
    private volatile @org.jspecify.annotations.Nullable String lastCookie;

    public LoopbackServer(Answer... answers) throws IOException {
        script.addAll(java.util.List.of(answers));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/chat");
    }

    public int requests() {
        return requests.get();
    }

    /** The {@code Cookie} header of the latest request (null: none). */
    public @org.jspecify.annotations.Nullable String lastCookie() {
        return lastCookie;
    }

    /** How many connections clients opened: each has its own remote address. */
    public int connections() {
        return clients.size();
    }

    public CountDownLatch clientDropped() {
        return dropped;
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        clients.add(exchange.getRemoteAddress());
        lastCookie = exchange.getRequestHeaders().getFirst("Cookie");
        exchange.getRequestBody().readAllBytes();
        Answer a = script.poll();
        if (a == null) a = last;
        else last = a;
        try {
            Thread.sleep(a.delay());
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = (a.body() + (a.trickle() != null && !a.trickle().isZero() ? "\n" : "")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), a.trickle() != null ? 0 : body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body);
            out.flush();
            while (a.trickle() != null && !a.trickle().isZero()) {
                Thread.sleep(a.trickle());
                out.write(".\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.close();
        } catch (IOException e) {
            dropped.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
