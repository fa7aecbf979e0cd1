package dev.baton.provider.anthropic;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.FinishReason;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static dev.baton.provider.anthropic.AnthropicDialect.JSON;
import static dev.baton.provider.anthropic.AnthropicDialect.SSE;
import static dev.baton.provider.anthropic.AnthropicDialect.blockStart;
import static dev.baton.provider.anthropic.AnthropicDialect.blockStop;
import static dev.baton.provider.anthropic.AnthropicDialect.delta;
import static dev.baton.provider.anthropic.AnthropicDialect.messageDelta;
import static dev.baton.provider.anthropic.AnthropicDialect.messageStart;
import static dev.baton.provider.anthropic.AnthropicDialect.messageStop;
import static dev.baton.provider.anthropic.AnthropicDialect.node;
import static dev.baton.provider.anthropic.AnthropicDialect.sse;
import static dev.baton.provider.anthropic.AnthropicDialect.textBlock;
import static dev.baton.provider.anthropic.AnthropicDialect.textDelta;
import static dev.baton.provider.anthropic.AnthropicDialect.toolUseBlock;
import static dev.baton.provider.anthropic.AnthropicDialect.usage;
import static dev.baton.provider.anthropic.AnthropicTestSupport.KEY;
import static dev.baton.provider.anthropic.AnthropicTestSupport.lastBody;
import static dev.baton.provider.anthropic.AnthropicTestSupport.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How Messages API answers, whole and streamed, become Baton responses and chunks. */
class AnthropicResponseTranslationTest {

    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private static ObjectNode thinkingBlock(String thinking, String signature) {
        return node("thinking").put("thinking", thinking).put("signature", signature);
    }

    @Test
    void cached_input_is_counted_inside_input_tokens_with_reads_and_writes_split_out() {
        server.enqueue(AnthropicDialect.whole(List.of(textBlock("hi")), "end_turn", usage(100, 20, 3000, 500)));

        Usage usage = model(server).chat(ChatRequest.of("x")).usage();

        assertThat(usage.inputTokens()).isEqualTo(3600);
        assertThat(usage.cachedInputTokens()).isEqualTo(3000);
        assertThat(usage.cacheWriteTokens()).isEqualTo(500);
        assertThat(usage.outputTokens()).isEqualTo(20);
        assertThat(usage.estimated()).isFalse();
    }

    @Test
    void streamed_usage_merges_message_start_and_the_cumulative_message_delta() {
        server.enqueue(Reply.stream(SSE, List.of(messageStart("msg_u", usage(10, 1, 2000, 0)),
                blockStart(0, textBlock("")), textDelta(0, "ok"), blockStop(0),
                messageDelta("end_turn", JSON.createObjectNode().put("output_tokens", 33).put("cache_creation_input_tokens", 40)),
                messageStop())));

        ChatResponse response = model(server).stream(ChatRequest.of("x")).drain();

        assertThat(response.usage()).isEqualTo(new Usage(2050, 33, 2000, 40, 0, null, false));
        assertThat(response.responseId()).isEqualTo("msg_u");
    }

    @Test
    void thinking_blocks_are_reasoning_and_never_text() {
        server.enqueue(AnthropicDialect.whole(List.of(thinkingBlock("Let me think: 6*7.", "sig-1"),
                textBlock("42")), "end_turn", usage(5, 50, 0, 0)));

        ChatResponse response = model(server).chat(ChatRequest.of("6*7?"));

        assertThat(response.text()).isEqualTo("42");
        assertThat(response.reasoning()).isEqualTo("Let me think: 6*7.");
    }

    @Test
    void streamed_thinking_arrives_as_reasoning_deltas_and_its_signature_is_replayed_with_the_tool_turn() {
        server.enqueue(Reply.stream(SSE, List.of(messageStart("msg_t", usage(5, 1, 0, 0)),
                blockStart(0, thinkingBlock("", "")),
                delta(0, node("thinking_delta").put("thinking", "Need the ")),
                delta(0, node("thinking_delta").put("thinking", "weather.")),
                delta(0, node("signature_delta").put("signature", "EqQBCgIYAhIM")),
                blockStop(0),
                blockStart(1, toolUseBlock("toolu_w", "get_weather")),
                delta(1, node("input_json_delta").put("partial_json", "{\"city\":\"Oslo\"}")), blockStop(1),
                messageDelta("tool_use", JSON.createObjectNode().put("output_tokens", 80)), messageStop())));
        var model = model(server);

        List<String> reasoning = new ArrayList<>();
        ChatResponse response;
        try (ChatStream stream = model.stream(ChatRequest.of("weather in Oslo?"))) {
            while (stream.hasNext()) {
                ChatChunk chunk = stream.next();
                assertThat(chunk.textDelta()).isEmpty();
                if (!chunk.reasoningDelta().isEmpty()) reasoning.add(chunk.reasoningDelta());
            }
            response = stream.response();
        }
        server.enqueue(new AnthropicDialect().text("Sunny.", 1, 1));
        model.chat(ChatRequest.builder().user("weather in Oslo?")
                .message(Message.assistant("", response.toolCalls()))
                .message(Message.toolResult("toolu_w", "get_weather", "sunny", false)).build());

        assertThat(reasoning).containsExactly("Need the ", "weather.");
        assertThat(response.reasoning()).isEqualTo("Need the weather.");
        assertThat(response.text()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        JsonNode replayed = lastBody(server).path("messages").path(1).path("content");
        assertThat(replayed.path(0).path("type").asString()).isEqualTo("thinking");
        assertThat(replayed.path(0).path("thinking").asString()).isEqualTo("Need the weather.");
        assertThat(replayed.path(0).path("signature").asString()).isEqualTo("EqQBCgIYAhIM");
        assertThat(replayed.path(1).path("type").asString()).isEqualTo("tool_use");
    }

    @Test
    void each_streamed_tool_call_is_emitted_whole_when_its_block_stops() {
        server.enqueue(new AnthropicDialect().streamedToolCalls(List.of(new ToolCall("toolu_a", "a", "{\"x\":1}"),
                new ToolCall("toolu_b", "b", "{}"))));

        List<List<ToolCall>> emitted = new ArrayList<>();
        try (ChatStream stream = model(server).stream(ChatRequest.of("x"))) {
            while (stream.hasNext()) {
                ChatChunk chunk = stream.next();
                if (!chunk.toolCalls().isEmpty()) emitted.add(chunk.toolCalls());
            }
        }

        assertThat(emitted).hasSize(2);
        assertThat(emitted.get(0)).containsExactly(new ToolCall("toolu_a", "a", "{\"x\":1}"));
        assertThat(emitted.get(1)).containsExactly(new ToolCall("toolu_b", "b", "{}"));
    }

    @Test
    void an_overloaded_error_event_mid_stream_is_a_retriable_model_unavailable() {
        server.enqueue(Reply.stream(SSE, List.of(messageStart("msg_e", usage(5, 1, 0, 0)),
                blockStart(0, textBlock("")), textDelta(0, "Par"),
                sse(AnthropicDialect.errorBody("overloaded_error", "Overloaded")))));

        List<String> seen = new ArrayList<>();
        BatonException e;
        try (ChatStream stream = model(server).stream(ChatRequest.of("x"))) {
            e = catchThrowableOfType(BatonException.class, () -> {
                while (stream.hasNext()) seen.add(stream.next().textDelta());
            });
        }

        assertThat(seen).contains("Par");
        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
        assertThat(e.reason()).isEqualTo(ErrorReason.OVERLOADED);
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("overloaded_error").contains("Overloaded");
        assertThat(e.context().provider()).isEqualTo("anthropic");
    }

    @Test
    void an_invalid_request_error_event_mid_stream_is_not_retriable_and_never_shows_the_key() {
        server.enqueue(Reply.stream(SSE, List.of(messageStart("msg_e", usage(5, 1, 0, 0)),
                sse(AnthropicDialect.errorBody("invalid_request_error", "bad key " + KEY)))));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model(server).stream(ChatRequest.of("x")).drain());

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).doesNotContain(KEY);
    }

    @Test
    void ping_and_unknown_events_and_blocks_are_skipped() {
        server.enqueue(Reply.stream(SSE, List.of(messageStart("msg_p", usage(5, 1, 0, 0)), AnthropicDialect.ping(),
                sse(node("some_future_event").put("x", 1)),
                blockStart(0, node("server_tool_use").put("id", "srvtoolu_1").put("name", "web_search")),
                delta(0, node("input_json_delta").put("partial_json", "{\"query\":\"q\"}")), blockStop(0),
                blockStart(1, textBlock("")), delta(1, node("citations_delta")), textDelta(1, "done"), blockStop(1),
                messageDelta("end_turn", JSON.createObjectNode().put("output_tokens", 2)), messageStop())));

        ChatResponse response = model(server).stream(ChatRequest.of("x")).drain();

        assertThat(response.text()).isEqualTo("done");
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void a_malformed_stream_event_is_a_malformed_response() {
        server.enqueue(Reply.stream(SSE, List.of(messageStart("m", usage(1, 1, 0, 0)),
                "event: content_block_delta\ndata: {not json}\n\n")));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model(server).stream(ChatRequest.of("x")).drain());

        assertThat(e.reason()).isEqualTo(ErrorReason.MALFORMED_RESPONSE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"end_turn, STOP", "stop_sequence, STOP", "max_tokens, LENGTH", "tool_use, TOOL_CALLS",
            "refusal, CONTENT_FILTER", "pause_turn, OTHER", "model_context_window_exceeded, LENGTH"})
    void stop_reasons_map_onto_finish_reasons(String stopReason, FinishReason expected) {
        server.enqueue(AnthropicDialect.whole(List.of(textBlock("t")), stopReason, usage(1, 1, 0, 0)));
        server.enqueue(Reply.stream(SSE, List.of(messageStart("m", usage(1, 1, 0, 0)),
                messageDelta(stopReason, JSON.createObjectNode().put("output_tokens", 1)), messageStop())));

        assertThat(model(server).chat(ChatRequest.of("x")).finishReason()).isEqualTo(expected);
        assertThat(model(server).stream(ChatRequest.of("x")).drain().finishReason()).isEqualTo(expected);
    }

    @Test
    void a_gateway_answering_a_stream_request_with_a_whole_message_still_streams_it() {
        server.enqueue(AnthropicDialect.whole(List.of(thinkingBlock("hmm", "s"), textBlock("whole")), "end_turn",
                usage(4, 2, 0, 0)));

        List<ChatChunk> chunks = new ArrayList<>();
        ChatResponse response;
        try (ChatStream stream = model(server).stream(ChatRequest.of("x"))) {
            stream.forEachRemaining(chunks::add);
            response = stream.response();
        }

        assertThat(chunks).extracting(ChatChunk::textDelta).contains("whole");
        assertThat(response.text()).isEqualTo("whole");
        assertThat(response.reasoning()).isEqualTo("hmm");
        assertThat(response.usage().inputTokens()).isEqualTo(4);
    }
}
