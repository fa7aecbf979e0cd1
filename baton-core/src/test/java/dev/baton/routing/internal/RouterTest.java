package dev.baton.routing.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.pipeline.CallMetadata;
import dev.baton.pipeline.Pipeline;
import dev.baton.pipeline.PipelineProfile;
import dev.baton.testkit.FakeChatModel;
import dev.baton.testkit.FakeChatModel.Step;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import dev.baton.routing.RoutingRules;

class RouterTest {

    private final Router router = new Router(new RoutingRules(
            Map.of("plan", List.of("review", "fast"), "parse", List.of("fast"), "code", List.of("local", "fast")),
            "fast", Map.of("smart", "review")),
            Map.of("review", 200_000, "fast", 128_000, "local", 8_000));

    @Test
    void routes_a_task_type_to_its_first_profile_that_fits() {
        assertThat(router.route("plan", 1_000)).isEqualTo("review");
        assertThat(router.route("code", 1_000)).isEqualTo("local");
        assertThat(router.route("code", 50_000)).isEqualTo("fast");
    }

    @Test
    void routes_unknown_or_missing_task_types_to_the_default() {
        assertThat(router.route("poetry", 10)).isEqualTo("fast");
        assertThat(router.route(null, 10)).isEqualTo("fast");
    }

    @Test
    void picks_the_largest_window_when_nothing_fits() {
        assertThat(router.route("code", 500_000)).isEqualTo("fast");
    }

    @Test
    void resolves_profile_names_and_aliases() {
        assertThat(router.resolve("fast")).isEqualTo("fast");
        assertThat(router.resolve("smart")).isEqualTo("review");
        assertThatThrownBy(() -> router.resolve("nope")).isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.suggestion().orElseThrow()).contains("fast", "smart");
        });
    }

    @Test
    void rejects_rules_naming_unknown_profiles() {
        assertThatThrownBy(() -> new Router(new RoutingRules(Map.of("plan", List.of("ghost")), "fast"), Map.of("fast", 1)))
                .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.getMessage()).contains("'ghost'"));
    }

    @Test
    void the_routed_model_follows_task_type_and_per_call_override() {
        FakeChatModel review = FakeChatModel.named("a", "review", 200_000, null).otherwise(Step.reply("review"));
        FakeChatModel fast = FakeChatModel.named("b", "fast", 128_000, null).otherwise(Step.reply("fast"));
        FakeChatModel local = FakeChatModel.named("c", "local", 100, null).otherwise(Step.fail(ErrorCode.MODEL_UNAVAILABLE));
        try (Pipeline p = Pipeline.builder()
                .profile(PipelineProfile.builder("review", review).build())
                .profile(PipelineProfile.builder("fast", fast).build())
                .profile(PipelineProfile.builder("local", local).retry(dev.baton.pipeline.RetryPolicy.NONE).build())
                .routing(router.rules()).build()) {
            var routed = p.routed();

            assertThat(routed.chat(task("plan", "x")).text()).isEqualTo("review");
            assertThat(routed.chat(task("code", "x")).profile()).as("route rest is the task's fallback").isEqualTo("fast");
            assertThat(routed.chat(ChatRequest.builder().user("x").metadata(CallMetadata.PROFILE, "smart").build()).text())
                    .isEqualTo("review");
            assertThat(routed.chat(ChatRequest.of("x")).text()).isEqualTo("fast");
        }
        assertThat(local.calls()).isEqualTo(1);
    }

    private static ChatRequest task(String taskType, String text) {
        return ChatRequest.builder().user(text).metadata(CallMetadata.TASK_TYPE, taskType).build();
    }
}
