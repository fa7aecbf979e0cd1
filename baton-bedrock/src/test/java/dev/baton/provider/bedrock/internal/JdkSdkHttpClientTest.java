package dev.baton.provider.bedrock.internal;

import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Recorded;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SDK HTTP client on the JDK client: mapping both ways, timeouts, interruption and abort. */
class JdkSdkHttpClientTest {

    private static final String BODY = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}";

    private final LoopbackServer server = new LoopbackServer();
    private final JdkSdkHttpClient client = new JdkSdkHttpClient(Duration.ofSeconds(2), Duration.ofSeconds(5));

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    private HttpExecuteRequest post(String path) {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(server.baseUri() + path);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Amz-Date", "20260101T000000Z")
                .appendHeader("X-Multi", "one").appendHeader("X-Multi", "two")
                // Set by the SDK and signed, but managed by the JDK client, which sends the same values.
                .putHeader("Host", uri.getAuthority())
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("Connection", "keep-alive")
                .putHeader("Expect", "100-continue")
                .build();
        return HttpExecuteRequest.builder().request(request).contentStreamProvider(ContentStreamProvider.fromByteArray(body))
                .build();
    }

    @Test
    void sends_method_path_query_headers_and_body_as_the_sdk_made_them() throws IOException {
        server.enqueue(Reply.json(200, "{}"));

        client.prepareRequest(post("/model/m%3A1/converse?x=1")).call();

        Recorded r = server.lastRequest();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/model/m:1/converse");
        assertThat(r.query()).isEqualTo("x=1");
        assertThat(r.body()).isEqualTo(BODY);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("X-Amz-Date")).isEqualTo("20260101T000000Z");
        assertThat(r.header("X-Multi")).isEqualTo("one,two");
        assertThat(r.header("Host")).isEqualTo(server.baseUri().getAuthority());
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(BODY.length()));
        assertThat(r.header("Expect")).isNull();
    }

    @Test
    void maps_status_headers_and_body_back_including_error_bodies() throws IOException {
        server.enqueue(Reply.json(401, "{\"message\":\"bad token\"}").withHeader("x-amzn-RequestId", "req-1")
                .withHeader("x-amzn-ErrorType", "UnrecognizedClientException"));

        HttpExecuteResponse response = client.prepareRequest(post("/model/m/converse")).call();

        assertThat(response.httpResponse().statusCode()).isEqualTo(401);
        assertThat(response.httpResponse().firstMatchingHeader("X-Amzn-RequestId")).contains("req-1");
        assertThat(response.httpResponse().firstMatchingHeader("x-amzn-errortype"))
                .contains("UnrecognizedClientException");
        assertThat(response.httpResponse().firstMatchingHeader("content-type")).contains("application/json");
        assertThat(new String(response.responseBody().orElseThrow().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"bad token\"}");
    }

    @Test
    void a_request_without_content_is_sent_without_a_body() throws IOException {
        server.enqueue(Reply.json(200, "{\"ok\":true}"));
        SdkHttpFullRequest get = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create(server.baseUri() + "/ping")).build();

        HttpExecuteResponse response = client.prepareRequest(HttpExecuteRequest.builder().request(get).build()).call();

        assertThat(server.lastRequest().method()).isEqualTo("GET");
        assertThat(server.lastRequest().body()).isEmpty();
        assertThat(response.httpResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void a_head_later_than_the_default_timeout_is_a_timeout() {
        server.enqueue(Reply.json(200, "{}").withFirstByteDelay(Duration.ofSeconds(3)));
        try (JdkSdkHttpClient quick = new JdkSdkHttpClient(Duration.ofSeconds(2), Duration.ofMillis(200))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> quick.prepareRequest(post("/slow")).call()).isInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void the_timeout_set_for_the_thread_replaces_the_default() {
        server.enqueue(Reply.json(200, "{}").withFirstByteDelay(Duration.ofSeconds(3)));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.withTimeout(Duration.ofMillis(200), () -> {
            try {
                return client.prepareRequest(post("/slow")).call();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })).hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void interrupting_the_caller_drops_the_connection_and_keeps_the_interrupt() throws Exception {
        server.enqueue(Reply.stream("application/json", List.of("{\"a\":\"")).untilClientLeaves());
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                client.prepareRequest(post("/endless")).call();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        awaitRequest();

        caller.interrupt();

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
        assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(server.awaitClientLeft(Duration.ofSeconds(10))).as("server saw the client leave").isTrue();
    }

    @Test
    void abort_from_another_thread_drops_the_connection_without_interrupting_the_caller() throws Exception {
        server.enqueue(Reply.stream("application/json", List.of("{\"a\":\"")).untilClientLeaves());
        ExecutableHttpRequest exchange = client.prepareRequest(post("/endless"));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                exchange.call();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        awaitRequest();

        exchange.abort();

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class);
        assertThat(stillInterrupted.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(server.awaitClientLeft(Duration.ofSeconds(10))).as("server saw the client leave").isTrue();
    }

    @Test
    void an_exchange_aborted_before_it_runs_sends_nothing() {
        ExecutableHttpRequest exchange = client.prepareRequest(post("/never"));
        exchange.abort();

        assertThatThrownBy(exchange::call).isInstanceOf(InterruptedIOException.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void a_closed_client_refuses_further_exchanges() {
        client.close();

        assertThatThrownBy(() -> client.prepareRequest(post("/late")).call()).isInstanceOf(IOException.class);
    }

    private void awaitRequest() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.requests().isEmpty() && System.nanoTime() < until) Thread.sleep(10);
        assertThat(server.requests()).as("the server received the request").isNotEmpty();
        Thread.sleep(100); // let the client start reading the endless answer
    }
}
