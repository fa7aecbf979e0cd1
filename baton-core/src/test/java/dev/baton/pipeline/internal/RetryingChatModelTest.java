package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatStream;
import dev.baton.testkit.FakeChatModel;
import dev.baton.testkit.FakeChatModel.Step;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.baton.pipeline.RetryPolicy;

class RetryingChatModelTest {

    private static final RetryPolicy FAST = new RetryPolicy(5, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(30), Duration.ofSeconds(30));

    private final FakeChatModel fake = FakeChatModel.named("p", "m");

    private RetryingChatModel retrying(RetryPolicy policy) {
        return new RetryingChatModel(fake, policy, Clock.systemUTC());
    }

    @Test
    void retries_503_storm_until_success() {
        fake.then(Step.fail(ErrorCode.MODEL_UNAVAILABLE), Step.fail(ErrorCode.PROVIDER_ERROR),
                Step.fail(ErrorCode.MODEL_UNAVAILABLE), Step.reply("finally"));

        assertThat(retrying(FAST).chat(ChatRequest.of("hi")).text()).isEqualTo("finally");
        assertThat(fake.calls()).isEqualTo(4);
    }

    @Test
    void retries_429_after_retry_after_header() {
        fake.then(Step.fail(() -> FakeChatModel.error(ErrorCode.RATE_LIMITED, Duration.ofMillis(300))), Step.reply("ok"));
        long start = System.nanoTime();

        retrying(FAST).chat(ChatRequest.of("hi"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(fake.calls()).isEqualTo(2);
    }

    @Test
    void retries_429_without_retry_after_on_jittered_backoff() {
        fake.then(Step.fail(ErrorCode.RATE_LIMITED), Step.reply("ok"));
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(40), Duration.ofMillis(40), null, null);
        long start = System.nanoTime();

        retrying(policy).chat(ChatRequest.of("hi"));

        assertThat(fake.calls()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void caps_retry_after_at_the_configured_maximum() {
        fake.then(Step.fail(() -> FakeChatModel.error(ErrorCode.RATE_LIMITED, Duration.ofSeconds(20))), Step.reply("ok"));
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(50), null);
        long start = System.nanoTime();

        retrying(policy).chat(ChatRequest.of("hi"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(fake.calls()).isEqualTo(2);
    }

    @Test
    void never_retries_non_retriable_codes() {
        for (ErrorCode code : List.of(ErrorCode.AUTHENTICATION, ErrorCode.INVALID_REQUEST, ErrorCode.VALIDATION,
                ErrorCode.BUDGET_EXCEEDED, ErrorCode.PERMISSION_DENIED)) {
            FakeChatModel model = FakeChatModel.named("p", "m").otherwise(Step.fail(code));
            assertThatThrownBy(() -> new RetryingChatModel(model, FAST, Clock.systemUTC()).chat(ChatRequest.of("x")))
                    .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(code));
            assertThat(model.calls()).as(code.name()).isEqualTo(1);
        }
    }

    @Test
    void decides_from_the_retriable_flag_not_the_code_default() {
        fake.otherwise(Step.fail(() -> BatonException.builder(ErrorCode.PROVIDER_ERROR, "Please retry, rate limit 429")
                .retriable(false).build()));

        assertThatThrownBy(() -> retrying(FAST).chat(ChatRequest.of("x"))).isInstanceOf(BatonException.class);
        assertThat(fake.calls()).isEqualTo(1);
    }

    @Test
    void gives_up_after_max_attempts_with_the_last_failure() {
        fake.otherwise(Step.fail(ErrorCode.PROVIDER_ERROR));

        assertThatThrownBy(() -> retrying(FAST).chat(ChatRequest.of("x")))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR));
        assertThat(fake.calls()).isEqualTo(5);
    }

    @Test
    void stops_when_the_total_retry_budget_is_spent() {
        fake.otherwise(Step.fail(() -> FakeChatModel.error(ErrorCode.RATE_LIMITED, Duration.ofMillis(150))));
        RetryPolicy policy = new RetryPolicy(100, Duration.ofMillis(1), Duration.ofMillis(1), null, Duration.ofMillis(400));

        assertThatThrownBy(() -> retrying(policy).chat(ChatRequest.of("x"))).isInstanceOf(BatonException.class);
        assertThat(fake.calls()).isBetween(2, 4);
    }

    @Test
    void does_not_sleep_past_the_deadline() {
        fake.otherwise(Step.fail(() -> FakeChatModel.error(ErrorCode.RATE_LIMITED, Duration.ofSeconds(10))));
        ChatRequest request = ChatRequest.builder().user("x").deadline(Instant.now().plusMillis(500)).build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> retrying(RetryPolicy.DEFAULT).chat(request)).isInstanceOf(BatonException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(400));
        assertThat(fake.calls()).isEqualTo(1);
    }

    @Test
    void stream_is_retried_when_it_times_out_before_the_first_byte() {
        fake.then(Step.chunks("never").failingAfter(0, () -> FakeChatModel.error(ErrorCode.TIMEOUT)),
                Step.chunks("he", "llo"));

        try (ChatStream stream = retrying(FAST).stream(ChatRequest.of("hi"))) {
            assertThat(stream.drain().text()).isEqualTo("hello");
        }
        assertThat(fake.calls()).isEqualTo(2);
    }

    @Test
    void stream_is_never_retried_after_the_first_chunk_reached_the_caller() {
        fake.then(Step.chunks("a", "b", "c").failingAfter(1, () -> FakeChatModel.error(ErrorCode.TIMEOUT)),
                Step.chunks("x", "y"));

        ChatStream stream = retrying(FAST).stream(ChatRequest.of("hi"));
        assertThat(stream.next().textDelta()).isEqualTo("a");
        assertThatThrownBy(stream::hasNext)
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
        stream.close();
        assertThat(fake.calls()).isEqualTo(1);
    }

    @Test
    void full_jitter_backoff_stays_within_the_exponential_ceiling() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), null, null);
        RandomGenerator random = new SplittableRandom(42);
        List<Duration> seen = new ArrayList<>();
        for (int retry = 1; retry <= 6; retry++) {
            for (int i = 0; i < 200; i++) {
                Duration d = policy.backoff(retry, random);
                long ceiling = Math.min(1000, 100L << (retry - 1));
                assertThat(d.toMillis()).isBetween(0L, ceiling);
                seen.add(d);
            }
        }
        assertThat(seen.stream().distinct().count()).as("jittered, not constant").isGreaterThan(100);
    }
}
