package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatStream;
import dev.baton.testkit.FakeChatModel;
import dev.baton.testkit.FakeChatModel.Step;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.pipeline.RetryPolicy;

class DeadlineChatModelTest {

    private static final RetryPolicy MANY_FAST = new RetryPolicy(100, Duration.ofMillis(1), Duration.ofMillis(1), null, null);

    private final FakeChatModel first = FakeChatModel.named("p1", "m1");
    private final FakeChatModel second = FakeChatModel.named("p2", "m2");

    @AfterEach
    void interruptDoesNotLeak() {
        assertThat(Thread.interrupted()).as("no interrupt left on the caller").isFalse();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void assertTimeout(Throwable e) {
        assertThat(e).isInstanceOfSatisfying(BatonException.class, b -> assertThat(b.code()).isEqualTo(ErrorCode.TIMEOUT));
    }

    @Test
    void a_deadline_spans_retries() {
        first.otherwise(Step.fail(ErrorCode.MODEL_UNAVAILABLE).after(Duration.ofMillis(150)));
        try (Pipeline p = Pipeline.builder()
                .profile(PipelineProfile.builder("a", first).retry(MANY_FAST).timeout(Duration.ofMillis(400)).build())
                .build()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> p.forProfile("a").chat(ChatRequest.of("x"))).satisfies(DeadlineChatModelTest::assertTimeout);

            assertThat(since(start)).isBetween(Duration.ofMillis(390), Duration.ofMillis(2000));
        }
        assertThat(first.calls()).as("attempts share one deadline").isBetween(2, 4);
    }

    @Test
    void a_deadline_spans_fallbacks() {
        first.otherwise(Step.fail(ErrorCode.MODEL_UNAVAILABLE).after(Duration.ofMillis(300)));
        second.otherwise(Step.reply("too late").after(Duration.ofMillis(300)));
        try (Pipeline p = Pipeline.builder()
                .profile(PipelineProfile.builder("a", first).retry(RetryPolicy.NONE).fallbacks("b")
                        .timeout(Duration.ofMillis(450)).build())
                .profile(PipelineProfile.builder("b", second).timeout(Duration.ofSeconds(30)).build())
                .build()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> p.forProfile("a").chat(ChatRequest.of("x"))).satisfies(DeadlineChatModelTest::assertTimeout);

            assertThat(since(start)).isLessThan(Duration.ofMillis(1500));
        }
        assertThat(second.calls()).isEqualTo(1);
    }

    @Test
    void the_callers_earlier_deadline_wins_over_the_profile_timeout() {
        first.otherwise(Step.reply("slow").after(Duration.ofSeconds(5)));
        try (Pipeline p = Pipeline.builder()
                .profile(PipelineProfile.builder("a", first).timeout(Duration.ofSeconds(30)).build()).build()) {
            ChatRequest request = ChatRequest.builder().user("x").deadline(Instant.now().plusMillis(200)).build();
            long start = System.nanoTime();

            assertThatThrownBy(() -> p.forProfile("a").chat(request)).satisfies(DeadlineChatModelTest::assertTimeout);

            assertThat(since(start)).isLessThan(Duration.ofSeconds(2));
        }
        assertThat(first.requests().getFirst().deadline()).isNotNull();
    }

    @Test
    void a_call_that_ends_in_time_keeps_its_answer_and_passes_the_deadline_down() {
        first.otherwise(Step.reply("fast"));
        try (Pipeline p = Pipeline.builder()
                .profile(PipelineProfile.builder("a", first).timeout(Duration.ofSeconds(3)).build()).build()) {
            for (int i = 0; i < 200; i++) assertThat(p.forProfile("a").chat(ChatRequest.of("x")).text()).isEqualTo("fast");
        }
        assertThat(first.requests().getFirst().deadline()).isBetween(Instant.now(), Instant.now().plusSeconds(4));
    }

    @Test
    void a_stream_that_times_out_after_the_first_byte_is_closed_with_TIMEOUT() {
        first.otherwise(Step.chunks("first", "never").chunkDelay(Duration.ofSeconds(5)));
        try (Pipeline p = Pipeline.builder()
                .profile(PipelineProfile.builder("a", first).timeout(Duration.ofMillis(300)).retry(MANY_FAST).build())
                .build()) {
            long start = System.nanoTime();
            ChatStream stream = p.forProfile("a").stream(ChatRequest.of("x"));
            assertThat(stream.next().textDelta()).isEqualTo("first");

            assertThatThrownBy(stream::hasNext).satisfies(DeadlineChatModelTest::assertTimeout);

            assertThat(since(start)).isLessThan(Duration.ofSeconds(2));
            assertThat(first.streamsClosed()).isEqualTo(1);
            assertThat(first.calls()).as("no retry after the first byte").isEqualTo(1);
            stream.close();
        }
    }

    @Test
    void a_stream_that_times_out_before_the_first_byte_is_retried_within_the_deadline() {
        first.then(Step.chunks("x").failingAfter(0, () -> FakeChatModel.error(ErrorCode.TIMEOUT)).after(Duration.ofMillis(100)),
                Step.chunks("second ", "try"));
        try (Pipeline p = Pipeline.builder()
                .profile(PipelineProfile.builder("a", first).timeout(Duration.ofSeconds(5)).retry(MANY_FAST).build())
                .build();
             ChatStream stream = p.forProfile("a").stream(ChatRequest.of("x"))) {
            assertThat(stream.drain().text()).isEqualTo("second try");
        }
        assertThat(first.calls()).isEqualTo(2);
    }

    @Test
    void a_stream_stalled_before_the_first_byte_times_out() {
        first.otherwise(Step.chunks("late").after(Duration.ofSeconds(5)));
        try (Pipeline p = Pipeline.builder()
                .profile(PipelineProfile.builder("a", first).timeout(Duration.ofMillis(250)).build()).build()) {
            long start = System.nanoTime();
            try (ChatStream stream = p.forProfile("a").stream(ChatRequest.of("x"))) {
                assertThatThrownBy(stream::hasNext).satisfies(DeadlineChatModelTest::assertTimeout);
            }
            assertThat(since(start)).isLessThan(Duration.ofSeconds(2));
        }
    }
}
