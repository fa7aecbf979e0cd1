package dev.baton.provider.scripted;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Capability;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.FinishReason;
import dev.baton.llm.Message;
import dev.baton.llm.Prices;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptedChatModelTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void ordered_replies_come_first_then_rules_then_fallback() {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .replyText("one").replyText("two")
                .rule("(?i)weather", ScriptedReply.text("sunny"))
                .fallback(ScriptedReply.text("no idea"))
                .build(), "m");

        assertThat(model.chat(ChatRequest.of("weather?")).text()).isEqualTo("one");
        assertThat(model.chat(ChatRequest.of("weather?")).text()).isEqualTo("two");
        assertThat(model.chat(ChatRequest.of("Weather?")).text()).isEqualTo("sunny");
        assertThat(model.chat(ChatRequest.of("something else")).text()).isEqualTo("no idea");
    }

    @Test
    void first_matching_rule_wins_and_rules_search_the_last_user_message_by_default() {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .rule("deploy", ScriptedReply.text("deploying"))
                .rule("deploy|build", ScriptedReply.text("building"))
                .build(), "m");
        ChatRequest earlierMention = ChatRequest.builder().user("please deploy").message(Message.assistant("ok"))
                .user("now build it").build();

        assertThat(model.chat(ChatRequest.of("we should deploy today")).text()).isEqualTo("deploying");
        assertThat(model.chat(earlierMention).text()).isEqualTo("building");
    }

    @Test
    void rules_can_match_on_the_whole_conversation() {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .matchOn(MatchOn.CONVERSATION)
                .rule("(?m)^system: .*pirate", ScriptedReply.text("arr"))
                .build(), "m");

        assertThat(model.chat(ChatRequest.builder().system("Talk like a pirate.").user("hello").build()).text())
                .isEqualTo("arr");
        assertThat(model.chat(ChatRequest.of("pirate")).text()).startsWith("[offline scripted reply");
    }

    @Test
    void tool_calls_are_returned_with_scripted_or_deterministic_ids() {
        ScriptedReply twoCalls = ScriptedReply.toolCalls(
                new ScriptedToolCall("call_a", "search", NODES.objectNode().put("q", "baton")),
                ScriptedToolCall.of("search", NODES.objectNode().put("q", "jvm")));
        ScriptedScript script = ScriptedScript.builder().reply(twoCalls).build();

        ChatResponse response = ScriptedChatModel.fromScript(script, "m").chat(ChatRequest.of("find"));
        ChatResponse again = ScriptedChatModel.fromScript(script, "m").chat(ChatRequest.of("find"));

        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.toolCalls()).extracting(ToolCall::name).containsExactly("search", "search");
        assertThat(response.toolCalls()).extracting(ToolCall::argumentsJson)
                .containsExactly("{\"q\":\"baton\"}", "{\"q\":\"jvm\"}");
        assertThat(response.toolCalls().get(0).id()).isEqualTo("call_a");
        assertThat(response.toolCalls().get(1).id()).startsWith("call_").isNotEqualTo("call_a");
        assertThat(again.toolCalls()).isEqualTo(response.toolCalls());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void scripted_errors_carry_their_code_status_and_retriability(ErrorCode code) {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .reply(ScriptedReply.error(code, "scripted failure")).build(), "m");

        assertThatThrownBy(() -> model.chat(ChatRequest.of("x")))
                .isInstanceOfSatisfying(BatonException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).isEqualTo("scripted failure");
                    assertThat(e.retriable()).isEqualTo(code.retriableByDefault());
                    assertThat(e.providerStatus()).isEqualTo(code.httpStatus());
                    assertThat(e.context().provider()).isEqualTo("scripted");
                    assertThat(e.retryAfter()).isEmpty();
                });
    }

    @Test
    void scripted_rate_limit_carries_retry_after_and_the_next_reply_succeeds() {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .reply(ScriptedReply.error(ScriptedError.of(ErrorCode.RATE_LIMITED, "slow down").withRetryAfterMs(1500)))
                .replyText("ok")
                .build(), "m");

        assertThatThrownBy(() -> model.chat(ChatRequest.of("x")))
                .isInstanceOfSatisfying(BatonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.retryAfter()).hasValue(java.time.Duration.ofMillis(1500));
                    assertThat(e.retriable()).isTrue();
                });
        assertThat(model.chat(ChatRequest.of("x")).text()).isEqualTo("ok");
        assertThat(model.callCount()).isEqualTo(2);
    }

    @Test
    void usage_defaults_to_a_quarter_of_the_characters_rounded_up_and_is_priced() {
        ScriptedScript script = ScriptedScript.builder().replyText("12345")
                .modelInfo(ScriptedModelSettings.DEFAULTS.withPrices(Prices.of(1_000_000, 0, 2_000_000)))
                .build();

        Usage usage = ScriptedChatModel.fromScript(script, "m").chat(ChatRequest.of("abcdefghi")).usage();

        // conversation text is "user: abcdefghi" (15 chars -> 4 tokens), answer 5 chars -> 2 tokens
        assertThat(usage.inputTokens()).isEqualTo(4);
        assertThat(usage.outputTokens()).isEqualTo(2);
        assertThat(usage.estimated()).isFalse();
        assertThat(usage.costUsd()).isEqualByComparingTo(new BigDecimal("8"));
    }

    @Test
    void scripted_usage_overrides_the_derived_counts() {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .reply(ScriptedReply.text("hi").withUsage(new ScriptedUsage(1000L, 20L, 800L))).build(), "m");

        Usage usage = model.chat(ChatRequest.of("x")).usage();

        assertThat(usage.inputTokens()).isEqualTo(1000);
        assertThat(usage.outputTokens()).isEqualTo(20);
        assertThat(usage.cachedInputTokens()).isEqualTo(800);
    }

    @Test
    void json_replies_and_reasoning_are_returned_as_scripted() {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder()
                .reply(ScriptedReply.json(NODES.objectNode().put("ok", true)))
                .reply(ScriptedReply.text("42").withReasoning("thinking"))
                .build(), "m");

        assertThat(model.chat(ChatRequest.of("x")).text()).isEqualTo("{\"ok\":true}");
        ChatResponse reasoned = model.chat(ChatRequest.of("x"));
        assertThat(reasoned.text()).isEqualTo("42");
        assertThat(reasoned.reasoning()).isEqualTo("thinking");
        assertThat(reasoned.usage().reasoningTokens()).isEqualTo(2);
    }

    @Test
    void offline_reply_is_labelled_and_deterministic() {
        String prompt = "Summarise the design of the Baton orchestration library for a new engineer joining the team today";

        String first = ScriptedChatModel.of("gpt-x").chat(ChatRequest.of(prompt)).text();
        String second = ScriptedChatModel.of("gpt-x").chat(ChatRequest.of(prompt)).text();
        String other = ScriptedChatModel.of("gpt-x").chat(ChatRequest.of(prompt + "!")).text();

        assertThat(first).isEqualTo(second);
        assertThat(first).isEqualTo("[offline scripted reply · model gpt-x] 16 words, sha256 ec291adc: "
                + "\"Summarise the design of the Baton orchestration library for a new engineer …\"");
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void offline_reply_names_the_model_the_request_asked_for() {
        ChatResponse response = ScriptedChatModel.of("default").chat(ChatRequest.builder().user("hi").model("override").build());

        assertThat(response.model()).isEqualTo("override");
        assertThat(response.provider()).isEqualTo("scripted");
        assertThat(response.text()).startsWith("[offline scripted reply · model override] 1 word, ");
    }

    @Test
    void offline_reply_to_a_json_request_is_json() {
        ChatRequest jsonMode = ChatRequest.builder().user("x").responseFormat(dev.baton.llm.ResponseFormat.JSON).build();
        ChatRequest withSchema = ChatRequest.builder().user("x").responseFormat(dev.baton.llm.ResponseFormat.jsonSchema(
                "answer", "{\"type\":\"object\",\"required\":[\"n\"],\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":3}}}"))
                .build();

        assertThat(ScriptedChatModel.of("m").chat(jsonMode).text()).isEqualTo("{}");
        assertThat(JsonMapper.builder().build().readTree(ScriptedChatModel.of("m").chat(withSchema).text()).get("n").asInt())
                .isEqualTo(3);
    }

    @Test
    void info_reports_the_scripted_provider_all_capabilities_and_configured_window_and_prices() {
        assertThat(ScriptedChatModel.of("m").info().provider()).isEqualTo("scripted");
        assertThat(ScriptedChatModel.of("m").info().contextWindow()).isEqualTo(128_000);
        assertThat(ScriptedChatModel.of("m").info().capabilities()).isEqualTo(EnumSet.allOf(Capability.class));
        assertThat(ScriptedChatModel.of("m").info().prices().cost(Usage.of(1000, 1000))).isEqualByComparingTo(BigDecimal.ZERO);

        ScriptedScript small = ScriptedScript.builder()
                .modelInfo(ScriptedModelSettings.DEFAULTS.withContextWindow(8000).withPrices(Prices.of(3, 1, 15))).build();
        assertThat(ScriptedChatModel.fromScript(small, "m").info().contextWindow()).isEqualTo(8000);
        assertThat(ScriptedChatModel.fromScript(small, "m").info().prices().outputPerMillion())
                .isEqualByComparingTo(new BigDecimal("15"));
    }

    @Test
    void reset_forgets_requests_and_rewinds_the_replies() {
        ScriptedChatModel model = ScriptedChatModel.fromScript(ScriptedScript.builder().replyText("first").build(), "m");
        model.chat(ChatRequest.of("a"));
        model.chat(ChatRequest.of("b"));

        model.reset();

        assertThat(model.callCount()).isZero();
        assertThat(model.requests()).isEmpty();
        assertThat(model.chat(ChatRequest.of("c")).text()).isEqualTo("first");
        assertThat(model.requests()).extracting(ChatRequest::lastUserText).containsExactly("c");
    }

    @Test
    void reply_constructors_reject_contradictions() {
        assertThatThrownBy(() -> new ScriptedReply(null, null, null, null, null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScriptedReply.text("a").withLatency(java.time.Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScriptedRule.of("(", ScriptedReply.text("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recorded_requests_are_the_requests_received() {
        ScriptedChatModel model = ScriptedChatModel.of("m");
        ChatRequest request = ChatRequest.builder().system("s").user("u").temperature(0.2).build();

        model.chat(request);
        model.stream(ChatRequest.of("streamed")).close();

        assertThat(model.requests()).hasSize(2);
        assertThat(model.requests().getFirst()).isSameAs(request);
        assertThat(model.requests()).isUnmodifiable();
    }
}
