package dev.baton.pipeline;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.Prices;
import dev.baton.llm.Usage;
import dev.baton.testkit.CapturingLedger;
import dev.baton.testkit.FakeChatModel;
import dev.baton.testkit.FakeChatModel.Step;
import dev.baton.usage.UsageRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipelineRecordingTest {

    private final CapturingLedger ledger = new CapturingLedger();
    private final FakeChatModel primary = FakeChatModel.named("openai", "gpt-x", 100_000, Prices.of(1.0, 0.5, 10.0));
    private final FakeChatModel spare = FakeChatModel.named("anthropic", "claude-y", 100_000, Prices.of(2.0, 1.0, 20.0));

    private Pipeline pipeline(List<UnaryOperator<dev.baton.llm.ChatModel>> outputDecorators) {
        Pipeline.Builder b = Pipeline.builder().ledger(ledger)
                .profile(PipelineProfile.builder("main", primary).retry(RetryPolicy.NONE).fallbacks("spare").build())
                .profile(PipelineProfile.builder("spare", spare).build());
        outputDecorators.forEach(b::outputDecorator);
        return b.build();
    }

    private static ChatRequest labelled(String text) {
        return ChatRequest.builder().user(text).metadata(CallMetadata.RUN_ID, "run-1").metadata(CallMetadata.AGENT, "planner")
                .metadata(CallMetadata.SESSION, "s-9").metadata(CallMetadata.TASK_TYPE, "plan").build();
    }

    @Test
    void records_a_call_with_labels_tokens_cost_and_latency() {
        primary.otherwise(Step.reply("hi", new Usage(1_000, 100, 200, 0, 30, null, false)).after(Duration.ofMillis(20)));

        ChatResponse r;
        try (Pipeline p = pipeline(List.of())) {
            r = p.forProfile("main").chat(labelled("hello"));
        }

        // 800 uncached x $1/M + 200 cached x $0.5/M + 100 out x $10/M
        BigDecimal expected = new BigDecimal("0.0008").add(new BigDecimal("0.0001")).add(new BigDecimal("0.001"));
        assertThat(r.usage().costUsd()).isEqualByComparingTo(expected);
        UsageRecord rec = ledger.records().getFirst();
        assertThat(rec.runId()).isEqualTo("run-1");
        assertThat(rec.agent()).isEqualTo("planner");
        assertThat(rec.session()).isEqualTo("s-9");
        assertThat(rec.taskType()).isEqualTo("plan");
        assertThat(rec.profile()).isEqualTo("main");
        assertThat(rec.provider()).isEqualTo("openai");
        assertThat(rec.model()).isEqualTo("gpt-x");
        assertThat(rec.inputTokens()).isEqualTo(1_000);
        assertThat(rec.cachedInputTokens()).isEqualTo(200);
        assertThat(rec.outputTokens()).isEqualTo(100);
        assertThat(rec.reasoningTokens()).isEqualTo(30);
        assertThat(rec.costUsd()).isEqualByComparingTo(expected);
        assertThat(rec.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        assertThat(rec.outcome()).isEqualTo(UsageRecord.OK);
        assertThat(rec.streamed()).isFalse();
        assertThat(ledger.closed()).as("the pipeline owns its ledger").isTrue();
    }

    @Test
    void records_the_answering_profile_its_prices_and_the_fallback_path() {
        primary.otherwise(Step.fail(ErrorCode.MODEL_UNAVAILABLE));
        spare.otherwise(Step.reply("spare", Usage.of(1_000_000, 0)));

        try (Pipeline p = pipeline(List.of())) {
            p.forProfile("main").chat(labelled("x"));
        }

        UsageRecord rec = ledger.records().getFirst();
        assertThat(rec.profile()).isEqualTo("spare");
        assertThat(rec.provider()).isEqualTo("anthropic");
        assertThat(rec.costUsd()).isEqualByComparingTo("2.0");
        assertThat(rec.fallbacks()).singleElement().satisfies(s -> assertThat(s.profile()).isEqualTo("main"));
    }

    @Test
    void records_a_failed_call_with_its_error_code() {
        primary.otherwise(Step.fail(ErrorCode.AUTHENTICATION));

        try (Pipeline p = pipeline(List.of())) {
            assertThatThrownBy(() -> p.forProfile("main").chat(labelled("x"))).isInstanceOf(BatonException.class);
        }

        UsageRecord rec = ledger.records().getFirst();
        assertThat(rec.outcome()).isEqualTo("AUTHENTICATION");
        assertThat(rec.costUsd()).isNull();
        assertThat(rec.profile()).isEqualTo("main");
    }

    @Test
    void records_a_stream_closed_early_with_estimated_usage() {
        primary.otherwise(Step.chunks("aaaa", "bbbb", "cccc", "dddd"));

        try (Pipeline p = pipeline(List.of())) {
            ChatStream s = p.forProfile("main").stream(labelled("x".repeat(400)));
            s.next();
            s.next();
            s.close();
        }

        UsageRecord rec = ledger.records().getFirst();
        assertThat(rec.streamed()).isTrue();
        assertThat(rec.estimated()).isTrue();
        assertThat(rec.outputTokens()).isEqualTo(2);
        assertThat(rec.inputTokens()).as("estimated from the request").isGreaterThanOrEqualTo(100);
        assertThat(rec.costUsd()).isPositive();
        assertThat(rec.timeToFirstToken()).isNotNull();
    }

    @Test
    void records_a_complete_stream_once_with_the_providers_usage() {
        primary.otherwise(Step.chunks("a", "b").withUsage(Usage.of(50, 2)));

        try (Pipeline p = pipeline(List.of()); ChatStream s = p.forProfile("main").stream(labelled("x"))) {
            assertThat(s.drain().usage().costUsd()).isNotNull();
        }

        assertThat(ledger.records()).singleElement().satisfies(rec -> {
            assertThat(rec.estimated()).isFalse();
            assertThat(rec.inputTokens()).isEqualTo(50);
            assertThat(rec.outputTokens()).isEqualTo(2);
        });
    }

    @Test
    void output_decorators_wrap_the_fallback_chain_inside_the_deadline() {
        List<String> seen = new ArrayList<>();
        UnaryOperator<dev.baton.llm.ChatModel> spy = inner -> new dev.baton.llm.ChatModel() {
            public ChatResponse chat(ChatRequest r) {
                seen.add("deadline=" + (r.deadline() != null));
                ChatResponse resp = inner.chat(r);
                seen.add("profile=" + resp.profile());
                return resp;
            }
            public ChatStream stream(ChatRequest r) { return inner.stream(r); }
            public dev.baton.llm.ModelInfo info() { return inner.info(); }
        };
        try (Pipeline p = pipeline(List.of(spy))) {
            p.forProfile("main").chat(ChatRequest.of("x"));
        }
        assertThat(seen).containsExactly("deadline=true", "profile=main");
    }
}
