package dev.baton.provider.internal;

import dev.baton.provider.ProviderSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Baton's own HTTP/1.1 client against a server scripted byte by byte: connections kept and
 * reused, a connection the server closed while idle, streams closed early, the body framings,
 * and heads it must refuse.
 */
class BatonHttpTransportTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void given_answers_read_to_their_end_then_one_connection_carries_every_call() throws Exception {
        try (RawServer server = new RawServer(c -> List.of(OK, OK, OK), false);
             BatonHttpTransport t = transport(server)) {
            for (int i = 0; i < 3; i++) assertThat(text(t.send(post(server)).body())).isEqualTo("ok");

            assertThat(server.accepted.get()).isEqualTo(1);
            assertThat(server.requests.get()).isEqualTo(3);
            assertThat(t.idle(origin(server))).isEqualTo(1);
        }
    }

    @Test
    void given_a_kept_connection_the_server_closed_while_idle_then_the_call_is_sent_again_on_a_new_one() throws Exception {
        try (RawServer server = new RawServer(c -> List.of(OK), true);
             BatonHttpTransport t = transport(server)) {
            assertThat(text(t.send(post(server)).body())).isEqualTo("ok");
            assertThat(server.closedByServer.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(t.idle(origin(server))).as("kept: the answer did not say it would close").isEqualTo(1);

            assertThat(text(t.send(post(server)).body())).isEqualTo("ok");

            assertThat(server.accepted.get()).isEqualTo(2);
            assertThat(server.requests.get()).isEqualTo(2);
        }
    }

    @Test
    void given_a_stream_closed_before_its_end_then_its_connection_is_closed_and_not_reused() throws Exception {
        String partial = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\ndata: \r\n";
        try (RawServer server = new RawServer(c -> c == 1 ? List.of(partial + RawServer.HOLD) : List.of(OK), false);
             BatonHttpTransport t = transport(server)) {
            TransportResponse<InputStream> r = t.open(post(server));
            assertThat(new String(r.body().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("data: ");
            r.body().close();

            assertThat(server.clientGone.await(10, TimeUnit.SECONDS)).as("the server saw the connection end").isTrue();
            assertThat(t.idle(origin(server))).isZero();
            assertThat(text(t.send(post(server)).body())).isEqualTo("ok");
            assertThat(server.accepted.get()).isEqualTo(2);
        }
    }

    @Test
    void given_a_chunked_answer_with_extensions_and_trailers_then_the_body_is_its_chunks_and_the_connection_is_kept()
            throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n";
        try (RawServer server = new RawServer(c -> List.of(chunked, chunked), false);
             BatonHttpTransport t = transport(server)) {
            assertThat(text(t.send(post(server)).body())).isEqualTo("hello world");
            try (InputStream in = t.open(post(server)).body()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello world");
            }

            assertThat(server.accepted.get()).isEqualTo(1);
            assertThat(t.idle(origin(server))).isEqualTo(1);
        }
    }

    @Test
    void given_interim_answers_folded_headers_and_an_empty_204_then_the_final_answer_is_read() throws Exception {
        String folded = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nX-Folded: one\r\n  two\r\nContent-Length: 2\r\n\r\nok";
        String empty = "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n";
        try (RawServer server = new RawServer(c -> List.of(folded, empty, OK), false);
             BatonHttpTransport t = transport(server)) {
            TransportResponse<byte[]> first = t.send(post(server));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.headers().firstValue("x-folded")).contains("one two");
            assertThat(text(first.body())).isEqualTo("ok");
            TransportResponse<byte[]> second = t.send(post(server));
            assertThat(second.status()).isEqualTo(204);
            assertThat(second.body()).isEmpty();
            assertThat(text(t.send(post(server)).body())).isEqualTo("ok");

            assertThat(server.accepted.get()).isEqualTo(1);
        }
    }

    @Test
    void given_an_answer_ended_by_the_connection_then_the_body_is_all_that_came_and_the_connection_is_not_kept()
            throws Exception {
        try (RawServer server = new RawServer(c -> List.of("HTTP/1.0 200 OK\r\n\r\nuntil the end"), true);
             BatonHttpTransport t = transport(server)) {
            assertThat(text(t.send(post(server)).body())).isEqualTo("until the end");
            assertThat(t.idle(origin(server))).isZero();
        }
    }

    @Test
    void given_malformed_heads_then_each_call_fails_naming_it_and_keeps_no_connection() throws Exception {
        List<String> bad = List.of("HTTP/1.1 2x0 OK\r\n\r\n", "SMTP ready\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        for (String head : bad) {
            try (RawServer server = new RawServer(c -> List.of(head + RawServer.HOLD), false);
                 BatonHttpTransport t = transport(server)) {
                TransportException e = catchThrowableOfType(TransportException.class, () -> t.send(post(server)));

                assertThat(e).as(head).isNotNull();
                assertThat(e.kind()).isEqualTo(TransportException.Kind.OTHER);
                assertThat(e.getMessage()).as(head).contains("malformed");
                assertThat(t.idle(origin(server))).isZero();
            }
        }
    }

    @Test
    void given_a_head_past_the_size_limit_then_the_call_fails_before_reading_it_all() throws Exception {
        String many = "HTTP/1.1 200 OK\r\n" + ("X-Filler: " + "a".repeat(1000) + "\r\n").repeat(70) + "Content-Length: 2\r\n\r\nok";
        String longLine = "HTTP/1.1 200 OK\r\nX-Long: " + "b".repeat(HttpConnection.BUFFER) + "\r\nContent-Length: 2\r\n\r\nok";
        for (String head : List.of(many, longLine)) {
            try (RawServer server = new RawServer(c -> List.of(head), false);
                 BatonHttpTransport t = transport(server)) {
                TransportException e = catchThrowableOfType(TransportException.class, () -> t.send(post(server)));

                assertThat(e).isNotNull();
                assertThat(e.getMessage()).containsAnyOf("larger than " + HttpConnection.MAX_HEAD, "longer than");
            }
        }
    }

    @Test
    void given_a_request_then_its_head_has_host_and_length_and_no_client_name() throws Exception {
        try (RawServer server = new RawServer(c -> List.of(OK), false);
             BatonHttpTransport t = transport(server)) {
            t.send(post(server));

            String head = server.heads.peek();
            assertThat(head).startsWith("POST /v1/chat?x=1 HTTP/1.1\r\n")
                    .contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
                    .contains("\r\nContent-Length: 2\r\n")
                    .contains("\r\nContent-Type: application/json\r\n")
                    .doesNotContainIgnoringCase("user-agent").doesNotContainIgnoringCase("accept-encoding");
        }
    }

    @Test
    void given_a_temporary_redirect_then_the_post_is_sent_again_to_the_new_place() throws Exception {
        String moved = "HTTP/1.1 307 Temporary Redirect\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n";
        try (RawServer server = new RawServer(c -> List.of(moved, OK), false);
             BatonHttpTransport t = transport(server)) {
            assertThat(text(t.send(post(server)).body())).isEqualTo("ok");

            assertThat(server.heads).hasSize(2);
            assertThat(server.heads.stream().skip(1).findFirst().orElseThrow()).startsWith("POST /elsewhere HTTP/1.1");
        }
    }

    @Test
    void given_a_header_value_with_a_line_break_then_the_call_is_refused_without_quoting_the_value() throws Exception {
        try (RawServer server = new RawServer(c -> List.of(OK), false);
             BatonHttpTransport t = transport(server)) {
            TransportRequest r = new TransportRequest("POST", server.uri(),
                    List.of(new TransportRequest.Header("Authorization", "Bearer sk-secret\r\nX-Injected: 1")),
                    "{}".getBytes(), Duration.ofSeconds(5));
            TransportException e = catchThrowableOfType(TransportException.class, () -> t.send(r));

            assertThat(e.getMessage()).contains("Authorization").doesNotContain("sk-secret");
            assertThat(server.requests.get()).isZero();
        }
    }

    @Test
    void given_a_platform_thread_waiting_for_a_silent_server_when_it_is_interrupted_then_the_call_ends_at_once()
            throws Exception {
        try (RawServer server = new RawServer(c -> List.of(RawServer.HOLD), false);
             BatonHttpTransport t = transport(server)) {
            TransportRequest slow = new TransportRequest("POST", server.uri(), List.of(),
                    "{}".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5));
            java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
            Thread caller = Thread.ofPlatform().daemon().name("platform-caller").start(() -> {
                try {
                    t.send(slow);
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            while (server.requests.get() == 0) Thread.sleep(10);
            caller.interrupt();

            // far below the request's five minutes: the interrupt, not the timeout, ended it
            assertThat(outcome.get(60, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            assertThat(server.clientGone.await(10, TimeUnit.SECONDS)).as("the connection was closed").isTrue();
            assertThat(t.idle(origin(server))).isZero();
        }
    }

    private static BatonHttpTransport transport(RawServer server) {
        return new BatonHttpTransport(new ProviderSettings("t", "openai", server.uri(), null, Map.of(),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Map.of()));
    }

    private static BatonHttpTransport.Origin origin(RawServer server) {
        return new BatonHttpTransport.Origin(false, "127.0.0.1", server.port());
    }

    private static TransportRequest post(RawServer server) {
        return new TransportRequest("POST", server.uri(), List.of(new TransportRequest.Header("Content-Type", "application/json")),
                "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * A loopback server answering each connection's requests with that connection's scripted raw
     * answers in order; after the last one it closes the connection ({@code closeAfter}) or waits
     * for the client to close it. An answer ending in {@link #HOLD} is sent without it and the
     * connection then stays open, silent, until the client goes.
     */
    static final class RawServer implements AutoCloseable {
        static final String HOLD = "\u0000hold";

        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final ConcurrentLinkedQueue<String> heads = new ConcurrentLinkedQueue<>();
        final CountDownLatch closedByServer = new CountDownLatch(1);
        final CountDownLatch clientGone = new CountDownLatch(1);
        private final ServerSocket socket;
        private final java.util.function.IntFunction<List<String>> script;
        private final boolean closeAfter;
        private final Thread acceptor;

        RawServer(java.util.function.IntFunction<List<String>> script, boolean closeAfter) throws IOException {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.script = script;
            this.closeAfter = closeAfter;
            this.acceptor = Thread.startVirtualThread(this::accept);
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + port() + "/v1/chat?x=1");
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = socket.accept();
                    int n = accepted.incrementAndGet();
                    Thread.startVirtualThread(() -> serve(s, script.apply(n)));
                }
            } catch (IOException closed) {
                // the server was closed
            }
        }

        private void serve(Socket s, List<String> answers) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (String answer : answers) {
                    if (!readRequest(in)) {
                        clientGone.countDown();
                        return;
                    }
                    boolean hold = answer.endsWith(HOLD);
                    out.write((hold ? answer.substring(0, answer.length() - HOLD.length()) : answer)
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (hold) break;
                }
                if (closeAfter) {
                    closedByServer.countDown();
                    return;
                }
                while (in.read() >= 0) {
                    // wait for the client to close
                }
                clientGone.countDown();
            } catch (IOException e) {
                clientGone.countDown();
            }
        }

        /** Reads one request (head and Content-Length body); false if the client closed first. */
        private boolean readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) return false;
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            heads.add(text);
            requests.incrementAndGet();
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    in.readNBytes(Integer.parseInt(line.substring(15).strip()));
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }
}
