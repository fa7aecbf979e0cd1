package dev.baton.pipeline.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.FallbackStep;
import dev.baton.llm.ResponseFormat;
import dev.baton.testkit.FakeChatModel;
import dev.baton.testkit.FakeChatModel.Step;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.baton.pipeline.CooldownPolicy;
import dev.baton.pipeline.DeploymentStatus;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.pipeline.RetryPolicy;

class FallbackChatModelTest {

    private static final RetryPolicy TWO_FAST = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), null, null);

    private final FakeChatModel first = FakeChatModel.named("openai", "big", 8_000, null);
    private final FakeChatModel second = FakeChatModel.named("anthropic", "mid", 8_000, null);
    private final FakeChatModel third = FakeChatModel.named("gemini", "huge", 1_000_000, null);

    private Pipeline pipeline() {
        return Pipeline.builder()
                .profile(PipelineProfile.builder("review", first).retry(TWO_FAST).fallbacks("fast").build())
                .profile(PipelineProfile.builder("fast", second).retry(TWO_FAST).fallbacks("long").build())
                .profile(PipelineProfile.builder("long", third).retry(TWO_FAST).build())
                .build();
    }

    @Test
    void falls_back_to_the_second_and_third_profile_and_records_why() {
        first.otherwise(Step.fail(ErrorCode.MODEL_UNAVAILABLE));
        second.otherwise(Step.fail(ErrorCode.PROVIDER_ERROR));
        third.otherwise(Step.reply("from the third"));

        try (Pipeline p = pipeline()) {
            ChatResponse r = p.forProfile("review").chat(ChatRequest.of("hi"));

            assertThat(r.text()).isEqualTo("from the third");
            assertThat(r.profile()).isEqualTo("long");
            assertThat(r.model()).isEqualTo("huge");
            assertThat(r.fallbacks()).extracting(FallbackStep::profile, FallbackStep::code).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("review", ErrorCode.MODEL_UNAVAILABLE),
                    org.assertj.core.groups.Tuple.tuple("fast", ErrorCode.PROVIDER_ERROR));
        }
        assertThat(first.calls()).as("retries spent before falling back").isEqualTo(2);
        assertThat(second.calls()).isEqualTo(2);
    }

    @Test
    void does_not_fall_back_on_a_non_retriable_failure() {
        first.otherwise(Step.fail(ErrorCode.AUTHENTICATION));

        try (Pipeline p = pipeline()) {
            assertThatThrownBy(() -> p.forProfile("review").chat(ChatRequest.of("hi")))
                    .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTHENTICATION));
        }
        assertThat(second.calls()).isZero();
    }

    @Test
    void falls_back_on_invalid_json_output() {
        first.otherwise(Step.reply("Sure! Here is the JSON: {\"a\": 1"));
        second.otherwise(Step.reply("{\"a\": 1}"));
        ChatRequest request = ChatRequest.builder().user("json please").responseFormat(ResponseFormat.JSON).build();

        try (Pipeline p = pipeline()) {
            ChatResponse r = p.forProfile("review").chat(request);

            assertThat(r.text()).isEqualTo("{\"a\": 1}");
            assertThat(r.fallbacks()).singleElement().satisfies(s -> {
                assertThat(s.profile()).isEqualTo("review");
                assertThat(s.code()).isEqualTo(ErrorCode.VALIDATION);
            });
        }
        assertThat(first.calls()).as("repaired once, then VALIDATION, which is not retried").isEqualTo(2);
    }

    @Test
    void skips_profiles_whose_context_window_is_too_small_for_the_input() {
        String longInput = "x".repeat(40_000); // about 10,000 tokens
        third.otherwise(Step.reply("long context"));

        try (Pipeline p = pipeline()) {
            ChatResponse r = p.forProfile("review").chat(ChatRequest.of(longInput));

            assertThat(r.profile()).isEqualTo("long");
            assertThat(r.fallbacks()).extracting(FallbackStep::profile).containsExactly("review", "fast");
            assertThat(r.fallbacks().getFirst().message()).contains("context window of 8000");
        }
        assertThat(first.calls()).isZero();
        assertThat(second.calls()).isZero();
    }

    @Test
    void context_overflow_from_the_provider_moves_on_to_a_larger_window() {
        first.otherwise(Step.fail(() -> first.errorHere(ErrorCode.INVALID_REQUEST, ErrorReason.CONTEXT_OVERFLOW)));
        third.otherwise(Step.reply("fits"));

        try (Pipeline p = pipeline()) {
            ChatResponse r = p.forProfile("review").chat(ChatRequest.of("short but many tokens"));

            assertThat(r.profile()).isEqualTo("long");
            assertThat(r.fallbacks()).extracting(FallbackStep::profile, FallbackStep::code).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("review", ErrorCode.INVALID_REQUEST),
                    org.assertj.core.groups.Tuple.tuple("fast", ErrorCode.INVALID_REQUEST));
        }
        assertThat(second.calls()).as("same window as the one that overflowed").isZero();
    }

    @Test
    void an_open_cooldown_falls_back_without_calling_the_deployment() {
        first.otherwise(Step.fail(ErrorCode.MODEL_UNAVAILABLE));
        try (Pipeline p = Pipeline.builder()
                .cooldown(new CooldownPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .profile(PipelineProfile.builder("review", first).retry(TWO_FAST).fallbacks("fast").build())
                .profile(PipelineProfile.builder("fast", second).build())
                .build()) {
            p.forProfile("review").chat(ChatRequest.of("opens the circuit"));
            int callsWhenOpen = first.calls();

            ChatResponse r = p.forProfile("review").chat(ChatRequest.of("skips"));

            assertThat(r.profile()).isEqualTo("fast");
            assertThat(first.calls()).isEqualTo(callsWhenOpen);
            assertThat(p.cooldowns().status("openai/big").orElseThrow().state())
                    .isEqualTo(DeploymentStatus.CircuitState.OPEN);
        }
    }

    @Test
    void stream_falls_back_when_the_first_profile_fails_before_the_first_chunk() {
        first.otherwise(Step.chunks("x").failingAfter(0, () -> FakeChatModel.error(ErrorCode.MODEL_UNAVAILABLE)));
        second.otherwise(Step.chunks("from ", "fast"));

        try (Pipeline p = pipeline(); ChatStream s = p.forProfile("review").stream(ChatRequest.of("hi"))) {
            ChatResponse r = s.drain();
            assertThat(r.text()).isEqualTo("from fast");
            assertThat(r.profile()).isEqualTo("fast");
            assertThat(r.fallbacks()).extracting(FallbackStep::profile).containsExactly("review");
        }
    }

    @Test
    void stream_never_switches_model_after_the_first_chunk() {
        first.otherwise(Step.chunks("a", "b").failingAfter(1, () -> FakeChatModel.error(ErrorCode.MODEL_UNAVAILABLE)));

        try (Pipeline p = pipeline(); ChatStream s = p.forProfile("review").stream(ChatRequest.of("hi"))) {
            assertThat(s.next().textDelta()).isEqualTo("a");
            assertThatThrownBy(s::hasNext).isInstanceOfSatisfying(BatonException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE));
        }
        assertThat(second.calls()).isZero();
    }

    @Test
    void the_final_failure_carries_the_earlier_ones() {
        first.otherwise(Step.fail(ErrorCode.MODEL_UNAVAILABLE));
        second.otherwise(Step.fail(ErrorCode.MODEL_UNAVAILABLE));
        third.otherwise(Step.fail(ErrorCode.RATE_LIMITED));

        try (Pipeline p = pipeline()) {
            assertThatThrownBy(() -> p.forProfile("review").chat(ChatRequest.of("hi")))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                        assertThat(e.getSuppressed()).hasSize(2);
                    });
        }
    }

    @Test
    void a_fallback_cycle_is_a_config_error_naming_the_cycle() {
        FallbackGraph graph = new FallbackGraph(Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a")));

        assertThat(graph.findCycle()).contains(List.of("a", "b", "c", "a"));
        assertThatThrownBy(graph::validate).isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
            assertThat(e.getMessage()).isEqualTo("fallback cycle: a -> b -> c -> a");
        });
        assertThatThrownBy(() -> Pipeline.builder()
                .profile(PipelineProfile.builder("a", first).fallbacks("b").build())
                .profile(PipelineProfile.builder("b", second).fallbacks("a").build())
                .build())
                .hasMessage("fallback cycle: a -> b -> a");
    }

    @Test
    void an_unknown_fallback_is_a_config_error() {
        assertThatThrownBy(() -> Pipeline.builder()
                .profile(PipelineProfile.builder("a", first).fallbacks("nope").build()).build())
                .hasMessageContaining("unknown profile 'nope'");
    }

    @Test
    void chains_expand_fallbacks_depth_first_each_profile_once() {
        FallbackGraph graph = new FallbackGraph(Map.of("a", List.of("b", "c"), "b", List.of("d"), "c", List.of("d"),
                "d", List.of()));

        assertThat(graph.chain("a")).containsExactly("a", "b", "d", "c");
    }
}
