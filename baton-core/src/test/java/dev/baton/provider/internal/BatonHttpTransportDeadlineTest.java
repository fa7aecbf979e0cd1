package dev.baton.provider.internal;

import dev.baton.provider.ProviderSettings;
import dev.baton.provider.internal.BatonHttpTransportTest.RawServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How Baton's own HTTP client keeps an exchange's deadline: an alarm of the transport's timer
 * closes the socket, so a blocked read and a blocked write both end as a timeout, on virtual and
 * platform threads; an alarm never outlives its exchange to close a kept connection; the timer's
 * thread ends with the transport.
 */
class BatonHttpTransportDeadlineTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void given_a_server_that_never_reads_when_the_deadline_passes_then_the_blocked_write_ends_as_a_timeout()
            throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            java.util.Queue<Socket> held = new java.util.concurrent.ConcurrentLinkedQueue<>();
            Thread.startVirtualThread(() -> {
                try {
                    while (true) held.add(server.accept()); // accepted, never read: the client's write fills the buffers
                } catch (java.io.IOException closed) {
                    // the test ended
                }
            });
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat");
            try (BatonHttpTransport t = transport(uri)) {
                // far more than loopback's socket buffers hold
                TransportRequest big = new TransportRequest("POST", uri, List.of(), new byte[64 * 1024 * 1024],
                        Duration.ofMillis(500));

                Throwable outcome = onVirtualThread(() -> t.send(big));

                assertThat(outcome).isInstanceOf(TransportException.class);
                assertThat(((TransportException) outcome).kind()).isEqualTo(TransportException.Kind.RESPONSE_TIMEOUT);
            } finally {
                for (Socket s : held) s.close();
            }
        }
    }

    @Test
    void given_a_silent_server_then_a_virtual_and_a_platform_caller_each_time_out_and_keep_no_connection()
            throws Exception {
        try (RawServer server = new RawServer(c -> List.of(RawServer.HOLD), false);
             BatonHttpTransport t = transport(server.uri())) {
            TransportRequest silent = post(server.uri(), Duration.ofMillis(300));

            Throwable virtual = onVirtualThread(() -> t.send(silent));
            CompletableFuture<Throwable> platform = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> platform.complete(outcome(() -> t.send(silent))));

            assertThat(virtual).isInstanceOf(TransportException.class);
            assertThat(((TransportException) virtual).kind()).isEqualTo(TransportException.Kind.RESPONSE_TIMEOUT);
            Throwable p = platform.get(60, TimeUnit.SECONDS);
            assertThat(p).isInstanceOf(TransportException.class);
            assertThat(((TransportException) p).kind()).isEqualTo(TransportException.Kind.RESPONSE_TIMEOUT);
            assertThat(t.idle(origin(server))).isZero();
        }
    }

    @Test
    void given_calls_that_ended_before_their_deadline_when_the_deadlines_pass_then_their_kept_connection_still_works()
            throws Exception {
        try (RawServer server = new RawServer(c -> List.of(OK, OK, OK, OK), false);
             BatonHttpTransport t = transport(server.uri())) {
            for (int i = 0; i < 3; i++) {
                assertThat(new String(t.send(post(server.uri(), Duration.ofMillis(200))).body(), StandardCharsets.UTF_8))
                        .isEqualTo("ok");
            }

            Thread.sleep(600); // every deadline has passed: an alarm left armed would have closed the kept connection

            assertThat(new String(t.send(post(server.uri(), Duration.ofSeconds(10))).body(), StandardCharsets.UTF_8))
                    .isEqualTo("ok");
            assertThat(server.accepted.get()).as("one connection carried every call").isEqualTo(1);
        }
    }

    @Test
    void given_a_transport_that_sent_a_call_when_it_is_closed_then_its_deadline_thread_has_ended() throws Exception {
        try (RawServer server = new RawServer(c -> List.of(OK), false)) {
            List<Thread> before = deadlineThreads(); // other tests' transports, if any are still open
            BatonHttpTransport t = transport(server.uri());
            t.send(post(server.uri(), Duration.ofSeconds(10)));
            List<Thread> timer = deadlineThreads().stream().filter(th -> !before.contains(th)).toList();
            assertThat(timer).as("started by the first call").hasSize(1);

            t.close();

            assertThat(timer).noneMatch(Thread::isAlive);
        }
    }

    @Test
    void given_a_call_under_way_when_the_transport_is_closed_then_it_keeps_its_deadline_and_the_thread_ends_after_it()
            throws Exception {
        try (RawServer server = new RawServer(c -> List.of(RawServer.HOLD), false)) {
            List<Thread> before = deadlineThreads(); // other tests' transports, if any are still open
            BatonHttpTransport t = transport(server.uri());
            CompletableFuture<Throwable> call = new CompletableFuture<>();
            Thread.startVirtualThread(() -> call.complete(outcome(() -> t.send(post(server.uri(), Duration.ofMillis(1500))))));
            while (server.requests.get() == 0) Thread.sleep(10);
            List<Thread> timer = deadlineThreads().stream().filter(th -> !before.contains(th)).toList();
            assertThat(timer).hasSize(1);

            t.close();
            assertThat(timer).as("kept for the call under way").anyMatch(Thread::isAlive);

            Throwable e = call.get(60, TimeUnit.SECONDS);
            assertThat(e).isInstanceOf(TransportException.class);
            assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.RESPONSE_TIMEOUT);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (timer.stream().anyMatch(Thread::isAlive) && System.nanoTime() < until) Thread.sleep(10);
            assertThat(timer).as("stopped once the last alarm was disarmed").noneMatch(Thread::isAlive);
        }
    }

    private static List<Thread> deadlineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(th -> th.getName().equals("baton-http-deadlines") && th.isAlive()).toList();
    }

    private interface Call {
        void run() throws Exception;
    }

    /** What {@code call} threw on a new virtual thread (null if nothing), waiting at most a minute. */
    private static Throwable onVirtualThread(Call call) throws Exception {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        Thread.startVirtualThread(() -> done.complete(outcome(call)));
        return done.get(60, TimeUnit.SECONDS);
    }

    private static Throwable outcome(Call call) {
        try {
            call.run();
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private static BatonHttpTransport transport(URI base) {
        return new BatonHttpTransport(new ProviderSettings("t", "openai", base, null, Map.of(),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Map.of()));
    }

    private static BatonHttpTransport.Origin origin(RawServer server) {
        return new BatonHttpTransport.Origin(false, "127.0.0.1", server.port());
    }

    private static TransportRequest post(URI uri, Duration timeout) {
        return new TransportRequest("POST", uri, List.of(), "{}".getBytes(StandardCharsets.UTF_8), timeout);
    }
}
