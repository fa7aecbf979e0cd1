package dev.baton.pipeline;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.testkit.FakeChatModel;
import dev.baton.testkit.LoopbackHttpChatModel;
import dev.baton.testkit.LoopbackServer;
import dev.baton.testkit.LoopbackServer.Answer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pipeline around a model that really speaks HTTP to a loopback server. */
class LoopbackHttpPipelineTest {

    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), null, null);

    private static Pipeline pipeline(LoopbackServer server, Duration timeout, String... fallbacks) {
        Pipeline.Builder b = Pipeline.builder().profile(PipelineProfile.builder("http", new LoopbackHttpChatModel(server.uri()))
                .retry(FAST).timeout(timeout).fallbacks(fallbacks).build());
        if (fallbacks.length > 0) b.profile(PipelineProfile.builder("spare", FakeChatModel.named("spare", "m")).build());
        return b.build();
    }

    @Test
    void retries_429_after_the_retry_after_ms_header() throws Exception {
        try (LoopbackServer server = new LoopbackServer(Answer.status(429, Map.of("retry-after-ms", "300")), Answer.ok("done"));
             Pipeline p = pipeline(server, Duration.ofSeconds(10))) {
            long start = System.nanoTime();

            ChatResponse r = p.forProfile("http").chat(ChatRequest.of("hi"));

            assertThat(r.text()).isEqualTo("done");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(server.requests()).isEqualTo(2);
        }
    }

    @Test
    void retries_429_without_retry_after_on_backoff() throws Exception {
        try (LoopbackServer server = new LoopbackServer(Answer.status(429, Map.of()), Answer.status(429, Map.of()), Answer.ok("done"));
             Pipeline p = pipeline(server, Duration.ofSeconds(10))) {
            assertThat(p.forProfile("http").chat(ChatRequest.of("hi")).text()).isEqualTo("done");
            assertThat(server.requests()).isEqualTo(3);
        }
    }

    @Test
    void a_503_storm_spends_the_retries_then_falls_back() throws Exception {
        try (LoopbackServer server = new LoopbackServer(Answer.status(503, Map.of()));
             Pipeline p = pipeline(server, Duration.ofSeconds(10), "spare")) {
            ChatResponse r = p.forProfile("http").chat(ChatRequest.of("hi"));

            assertThat(r.profile()).isEqualTo("spare");
            assertThat(r.fallbacks()).singleElement().satisfies(s -> assertThat(s.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE));
            assertThat(server.requests()).isEqualTo(4);
        }
    }

    @Test
    void the_deadline_interrupts_a_hanging_exchange() throws Exception {
        try (LoopbackServer server = new LoopbackServer(new Answer(200, Map.of(), "late", Duration.ofSeconds(10), null));
             Pipeline p = pipeline(server, Duration.ofMillis(300))) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> p.forProfile("http").chat(ChatRequest.of("hi")))
                    .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void the_deadline_closes_a_stream_mid_way_and_the_server_sees_the_connection_drop() throws Exception {
        try (LoopbackServer server = new LoopbackServer(Answer.trickle("first", Duration.ofMillis(50)));
             Pipeline p = pipeline(server, Duration.ofMillis(400))) {
            ChatStream stream = p.forProfile("http").stream(ChatRequest.of("hi"));
            assertThat(stream.next().textDelta()).isEqualTo("first");

            assertThatThrownBy(() -> {
                while (stream.hasNext()) stream.next();
            }).isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));

            assertThat(server.clientDropped().await(5, TimeUnit.SECONDS)).as("HTTP exchange closed").isTrue();
            stream.close();
        }
    }
}
