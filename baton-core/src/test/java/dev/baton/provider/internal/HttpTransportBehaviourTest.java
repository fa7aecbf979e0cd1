package dev.baton.provider.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.error.ErrorReason;
import dev.baton.testkit.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What the provider transports promise the adapters: the deadline bounds the whole exchange, an
 * interrupted call aborts its exchange and leaves the client usable, a streamed body is read as it
 * arrives, and failures land on the error taxonomy the same way whichever client sent them.
 */
class HttpTransportBehaviourTest {

    private static final ErrorContext CONTEXT = ErrorContext.ofModel("test", "m");
    private static final Duration EVERY = Duration.ofMillis(50);

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "baton"})
    void given_an_answer_that_never_ends_when_the_deadline_passes_then_the_call_is_a_timeout(String client) throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.trickle("{\"partial\":", EVERY));
             ProviderHttp http = ProviderHttpTlsTest.http(server.uri(), client)) {
            long start = System.nanoTime();
            BatonException e = catchThrowableOfType(BatonException.class, () -> http.send(
                    http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusMillis(500), false), CONTEXT));

            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(e.retriable()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(server.clientDropped().await(10, TimeUnit.SECONDS)).as("the exchange was dropped").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk", "baton"})
    void given_a_call_waiting_for_its_answer_when_the_caller_is_interrupted_then_it_is_cancelled_and_the_client_still_works(
            String client) throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.trickle("{\"partial\":", EVERY),
                LoopbackServer.Answer.ok("{\"ok\":true}"));
             ProviderHttp http = ProviderHttpTlsTest.http(server.uri(), client)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread caller = Thread.startVirtualThread(() -> {
                try {
                    http.send(http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusSeconds(60), false),
                            CONTEXT);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            awaitRequests(server, 1);
            caller.interrupt();
            assertThat(caller.join(Duration.ofSeconds(10))).as("the caller returned").isTrue();

            assertThat(failure.get()).isInstanceOfSatisfying(BatonException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                assertThat(e.reason()).isEqualTo(ErrorReason.CANCELLED);
            });
            assertThat(server.clientDropped().await(10, TimeUnit.SECONDS)).as("the exchange was dropped").isTrue();
            var next = http.send(http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusSeconds(10), false),
                    CONTEXT);
            assertThat(new String(next.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk", "baton"})
    void given_a_stream_that_never_ends_then_its_first_line_is_read_before_the_end_and_closing_drops_it(String client)
            throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.trickle("data: {\"n\":1}", EVERY));
             ProviderHttp http = ProviderHttpTlsTest.http(server.uri(), client)) {
            var response = http.open(http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusSeconds(60), true),
                    CONTEXT);
            InputStream body = response.body();
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));

            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return lines.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("data: {\"n\":1}");
            body.close();

            assertThat(server.clientDropped().await(10, TimeUnit.SECONDS)).as("the exchange was dropped").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "baton"})
    void given_streams_closed_after_their_last_event_then_the_client_reuses_one_upstream_connection(String client)
            throws Exception {
        String events = "data: {\"n\":1}\n\ndata: [DONE]\n\n";
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.chunked(events));
             ProviderHttp http = ProviderHttpTlsTest.http(server.uri(), client)) {
            for (int i = 0; i < 5; i++) {
                var response = http.open(http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusSeconds(30), true),
                        CONTEXT);
                // read as an SSE reader does: up to the last event, not to the end of the body
                BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8), 1);
                String line;
                do {
                    line = lines.readLine();
                } while (line != null && !line.equals("data: [DONE]"));
                assertThat(line).isEqualTo("data: [DONE]");
                lines.close();
            }

            assertThat(server.requests()).isEqualTo(5);
            assertThat(server.connections()).as("upstream connections for 5 streamed answers").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk", "baton"})
    void given_an_upstream_that_sets_a_cookie_then_the_next_call_does_not_send_it_back(String client) throws Exception {
        LoopbackServer.Answer cookie = new LoopbackServer.Answer(200, Map.of("Set-Cookie", "session=abc; Path=/"), "{}",
                Duration.ZERO, null);
        try (LoopbackServer server = new LoopbackServer(cookie);
             ProviderHttp http = ProviderHttpTlsTest.http(server.uri(), client)) {
            for (int i = 0; i < 2; i++) {
                http.send(http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusSeconds(10), false), CONTEXT);
            }

            assertThat(server.requests()).isEqualTo(2);
            assertThat(server.lastCookie()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk", "baton"})
    void given_a_stream_whose_head_is_late_when_the_deadline_passes_then_it_is_a_timeout(String client) throws Exception {
        LoopbackServer.Answer late = new LoopbackServer.Answer(200, Map.of(), "data: late", Duration.ofSeconds(5), null);
        try (LoopbackServer server = new LoopbackServer(late);
             ProviderHttp http = ProviderHttpTlsTest.http(server.uri(), client)) {
            BatonException e = catchThrowableOfType(BatonException.class, () -> http.open(
                    http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusMillis(300), true), CONTEXT));

            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(e.retriable()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk", "baton"})
    void given_nothing_listening_then_the_call_is_model_unavailable_for_the_connection(String client) throws Exception {
        URI gone;
        try (LoopbackServer server = new LoopbackServer()) {
            gone = server.uri();
        }
        try (ProviderHttp http = ProviderHttpTlsTest.http(gone, client)) {
            BatonException e = catchThrowableOfType(BatonException.class, () -> http.send(
                    http.post(gone, "{}".getBytes(), Map.of(), Instant.now().plusSeconds(10), false), CONTEXT));

            assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
            assertThat(e.reason()).isEqualTo(ErrorReason.CONNECTION);
            assertThat(e.retriable()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk", "baton"})
    void given_an_error_answer_then_status_headers_and_body_reach_the_error_mapping(String client) throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.status(429, Map.of("Retry-After", "7")));
             ProviderHttp http = ProviderHttpTlsTest.http(server.uri(), client)) {
            BatonException e = catchThrowableOfType(BatonException.class, () -> http.send(
                    http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusSeconds(10), false), CONTEXT));

            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(e.getMessage()).contains("scripted");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk", "baton"})
    void given_a_whole_answer_whose_head_is_late_when_the_timeout_passes_then_it_is_a_timeout(
            String client) throws Exception {
        LoopbackServer.Answer late = new LoopbackServer.Answer(200, Map.of(), "{\"late\":true}", Duration.ofSeconds(5), null);
        try (LoopbackServer server = new LoopbackServer(late);
             ProviderHttp http = ProviderHttpTlsTest.http(server.uri(), client)) {
            BatonException e = catchThrowableOfType(BatonException.class, () -> http.send(
                    http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusMillis(300), false), CONTEXT));

            assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(e.retriable()).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).as("the timeout's interrupt is not left behind").isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "jdk", "baton"})
    void given_calls_that_end_before_their_timeout_then_no_interrupt_reaches_the_caller_afterwards(String client)
            throws Exception {
        URI gone;
        try (LoopbackServer server = new LoopbackServer()) {
            gone = server.uri();
        }
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.ok("{\"ok\":true}"));
             ProviderHttp http = ProviderHttpTlsTest.http(server.uri(), client);
             ProviderHttp refused = ProviderHttpTlsTest.http(gone, client)) {
            http.send(http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusMillis(200), false), CONTEXT);
            catchThrowableOfType(BatonException.class, () -> refused.send(
                    refused.post(gone, "{}".getBytes(), Map.of(), Instant.now().plusMillis(200), false), CONTEXT));

            // both timeouts pass while this thread sleeps: an alarm left armed would interrupt it
            Thread.sleep(600);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void given_a_jdk_transport_that_sent_calls_when_it_is_closed_then_its_timeout_thread_has_ended() throws Exception {
        try (LoopbackServer server = new LoopbackServer(LoopbackServer.Answer.ok("{\"ok\":true}"))) {
            ProviderHttp http = ProviderHttpTlsTest.http(server.uri(), "jdk");
            http.send(http.post(server.uri(), "{}".getBytes(), Map.of(), Instant.now().plusSeconds(10), false), CONTEXT);
            assertThat(timeoutThreads()).as("started by the first call").isPositive();

            http.close();

            assertThat(timeoutThreads()).isZero();
        }
    }

    private static long timeoutThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("baton-http-timeouts") && t.isAlive()).count();
    }

    private static void awaitRequests(LoopbackServer server, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.requests() < n && System.nanoTime() < until) Thread.sleep(10);
    }
}
