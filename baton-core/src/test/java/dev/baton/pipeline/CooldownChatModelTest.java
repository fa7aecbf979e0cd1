package dev.baton.pipeline;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatRequest;
import dev.baton.pipeline.DeploymentStatus.CircuitState;
import dev.baton.testkit.FakeChatModel;
import dev.baton.testkit.FakeChatModel.Step;
import dev.baton.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CooldownChatModelTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final CooldownRegistry registry = new CooldownRegistry(
            new CooldownPolicy(3, Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofMinutes(5)), clock);
    private final FakeChatModel fake = FakeChatModel.named("openai", "gpt-x");
    private final CooldownChatModel model = new CooldownChatModel(fake, "openai/gpt-x", registry);

    private void failTimes(int n, ErrorCode code) {
        for (int i = 0; i < n; i++) {
            fake.then(Step.fail(code));
            assertThatThrownBy(() -> model.chat(ChatRequest.of("x"))).isInstanceOf(BatonException.class);
        }
    }

    @Test
    void opens_after_threshold_failures_in_the_window_and_skips_the_deployment() {
        failTimes(3, ErrorCode.MODEL_UNAVAILABLE);

        assertThatThrownBy(() -> model.chat(ChatRequest.of("x"))).isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
            assertThat(e.reason()).isEqualTo(ErrorReason.OVERLOADED);
            assertThat(e.retriable()).isFalse();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        });
        assertThat(fake.calls()).isEqualTo(3);
        DeploymentStatus status = registry.status("openai/gpt-x").orElseThrow();
        assertThat(status.state()).isEqualTo(CircuitState.OPEN);
        assertThat(status.recentFailures()).isEqualTo(3);
        assertThat(status.openUntil()).isEqualTo(Instant.parse("2025-03-01T10:00:30Z"));
        assertThat(status.lastErrorCode()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
    }

    @Test
    void failures_outside_the_window_do_not_add_up() {
        failTimes(2, ErrorCode.PROVIDER_ERROR);
        clock.advance(Duration.ofSeconds(61));
        failTimes(2, ErrorCode.PROVIDER_ERROR);

        assertThat(model.chat(ChatRequest.of("x")).text()).isEqualTo("ok");
        assertThat(registry.status("openai/gpt-x").orElseThrow().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void non_retriable_failures_do_not_count() {
        failTimes(5, ErrorCode.INVALID_REQUEST);
        failTimes(5, ErrorCode.AUTHENTICATION);

        assertThat(model.chat(ChatRequest.of("x")).text()).isEqualTo("ok");
    }

    @Test
    void half_opens_after_the_cool_down_and_closes_on_a_successful_trial() {
        failTimes(3, ErrorCode.MODEL_UNAVAILABLE);
        clock.advance(Duration.ofSeconds(31));
        assertThat(registry.status("openai/gpt-x").orElseThrow().state()).isEqualTo(CircuitState.HALF_OPEN);

        assertThat(model.chat(ChatRequest.of("trial")).text()).isEqualTo("ok");

        DeploymentStatus status = registry.status("openai/gpt-x").orElseThrow();
        assertThat(status.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(status.recentFailures()).isZero();
    }

    @Test
    void a_failed_trial_opens_the_circuit_again() {
        failTimes(3, ErrorCode.MODEL_UNAVAILABLE);
        clock.advance(Duration.ofSeconds(31));

        failTimes(1, ErrorCode.PROVIDER_ERROR);

        DeploymentStatus status = registry.status("openai/gpt-x").orElseThrow();
        assertThat(status.state()).isEqualTo(CircuitState.OPEN);
        assertThat(status.openUntil()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void half_open_lets_exactly_one_trial_through() throws Exception {
        failTimes(3, ErrorCode.MODEL_UNAVAILABLE);
        clock.advance(Duration.ofSeconds(31));
        fake.then(Step.reply("slow trial").after(Duration.ofMillis(400)));
        CountDownLatch done = new CountDownLatch(1);
        Thread trial = Thread.ofVirtual().start(() -> {
            model.chat(ChatRequest.of("trial"));
            done.countDown();
        });
        while (fake.calls() < 4) Thread.onSpinWait();

        assertThatThrownBy(() -> model.chat(ChatRequest.of("second")))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE));
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        trial.join();
        assertThat(model.chat(ChatRequest.of("third")).text()).isEqualTo("ok");
        assertThat(fake.calls()).isEqualTo(3 + 2);
    }

    @Test
    void cools_down_for_the_providers_retry_after_when_longer() {
        for (int i = 0; i < 3; i++) {
            fake.then(Step.fail(() -> FakeChatModel.error(ErrorCode.RATE_LIMITED, Duration.ofSeconds(120))));
            assertThatThrownBy(() -> model.chat(ChatRequest.of("x"))).isInstanceOf(BatonException.class);
        }

        assertThat(registry.status("openai/gpt-x").orElseThrow().openUntil())
                .isEqualTo(clock.instant().plusSeconds(120));
        clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> model.chat(ChatRequest.of("x"))).isInstanceOf(BatonException.class);
        assertThat(fake.calls()).isEqualTo(3);
    }

    @Test
    void status_lists_every_deployment_and_reset_closes_a_circuit() {
        failTimes(3, ErrorCode.MODEL_UNAVAILABLE);

        assertThat(registry.status()).extracting(DeploymentStatus::deployment).containsExactly("openai/gpt-x");
        registry.reset("openai/gpt-x");
        assertThat(model.chat(ChatRequest.of("x")).text()).isEqualTo("ok");
    }
}
