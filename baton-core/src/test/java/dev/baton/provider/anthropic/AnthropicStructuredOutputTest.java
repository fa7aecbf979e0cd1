package dev.baton.provider.anthropic;

import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.ToolSpec;
import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.baton.provider.anthropic.AnthropicDialect.JSON;
import static dev.baton.provider.anthropic.AnthropicDialect.blockStart;
import static dev.baton.provider.anthropic.AnthropicDialect.blockStop;
import static dev.baton.provider.anthropic.AnthropicDialect.delta;
import static dev.baton.provider.anthropic.AnthropicDialect.messageDelta;
import static dev.baton.provider.anthropic.AnthropicDialect.messageStart;
import static dev.baton.provider.anthropic.AnthropicDialect.messageStop;
import static dev.baton.provider.anthropic.AnthropicDialect.node;
import static dev.baton.provider.anthropic.AnthropicDialect.textBlock;
import static dev.baton.provider.anthropic.AnthropicDialect.textDelta;
import static dev.baton.provider.anthropic.AnthropicDialect.toolUseBlock;
import static dev.baton.provider.anthropic.AnthropicDialect.usage;
import static dev.baton.provider.anthropic.AnthropicTestSupport.lastBody;
import static dev.baton.provider.anthropic.AnthropicTestSupport.model;
import static org.assertj.core.api.Assertions.assertThat;

/** Structured output as a forced synthetic tool, and its answer read back as text. */
class AnthropicStructuredOutputTest {

    private static final String SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"integer\"}},\"required\":[\"answer\"]}";

    private final LoopbackServer server = new LoopbackServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private static Reply toolAnswer(String name, String inputJson) {
        ObjectNode block = toolUseBlock("toolu_9", name);
        block.set("input", JSON.readTree(inputJson));
        return AnthropicDialect.whole(List.of(block), "tool_use", usage(50, 12, 0, 0));
    }

    @Test
    void a_schema_becomes_a_forced_tool_and_its_input_is_the_answer_text() {
        server.enqueue(toolAnswer("answer", "{\"answer\":42}"));

        ChatResponse response = model(server).chat(ChatRequest.builder().user("the answer?")
                .responseFormat(ResponseFormat.jsonSchema("answer", SCHEMA)).build());

        JsonNode body = lastBody(server);
        assertThat(body.path("tool_choice").path("type").asString()).isEqualTo("tool");
        assertThat(body.path("tool_choice").path("name").asString()).isEqualTo("answer");
        assertThat(body.path("tools").path(0).path("input_schema")).isEqualTo(JSON.readTree(SCHEMA));
        assertThat(body.has("system")).isFalse();
        assertThat(JSON.readTree(response.text()).path("answer").asInt()).isEqualTo(42);
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void schema_names_are_made_valid_tool_names() {
        server.enqueue(toolAnswer("weather_report_v2", "{\"answer\":1}"));

        ChatResponse response = model(server).chat(ChatRequest.builder().user("x")
                .responseFormat(ResponseFormat.jsonSchema("weather report.v2", SCHEMA)).build());

        assertThat(lastBody(server).path("tool_choice").path("name").asString()).isEqualTo("weather_report_v2");
        assertThat(response.text()).isEqualTo("{\"answer\":1}");
    }

    @Test
    void a_non_object_schema_is_wrapped_and_unwrapped() {
        server.enqueue(toolAnswer("names", "{\"value\":[\"a\",\"b\"]}"));
        String arraySchema = "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}";

        ChatResponse response = model(server).chat(ChatRequest.builder().user("x")
                .responseFormat(ResponseFormat.jsonSchema("names", arraySchema)).build());

        JsonNode inputSchema = lastBody(server).path("tools").path(0).path("input_schema");
        assertThat(inputSchema.path("type").asString()).isEqualTo("object");
        assertThat(inputSchema.path("properties").path("value")).isEqualTo(JSON.readTree(arraySchema));
        assertThat(response.text()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void json_mode_is_a_forced_tool_taking_any_object() {
        server.enqueue(toolAnswer("json_response", "{\"k\":\"v\"}"));

        ChatResponse response = model(server).chat(ChatRequest.builder().user("x").responseFormat(ResponseFormat.JSON).build());

        assertThat(lastBody(server).path("tool_choice").path("name").asString()).isEqualTo("json_response");
        assertThat(response.text()).isEqualTo("{\"k\":\"v\"}");
    }

    @Test
    void with_real_tools_the_answer_tool_is_offered_not_forced_and_real_calls_stay_tool_calls() {
        ObjectNode weather = toolUseBlock("toolu_1", "get_weather");
        weather.putObject("input").put("city", "Paris");
        server.enqueue(AnthropicDialect.whole(List.of(textBlock("Let me check."), weather), "tool_use", usage(9, 9, 0, 0)));

        ChatResponse response = model(server).chat(ChatRequest.builder().system("be exact").user("x")
                .tools(List.of(new ToolSpec("get_weather", "", null)))
                .responseFormat(ResponseFormat.jsonSchema("answer", SCHEMA)).build());

        JsonNode body = lastBody(server);
        assertThat(body.path("tool_choice").isMissingNode()).isTrue();
        assertThat(body.path("tools")).extracting(t -> t.path("name").asString()).containsExactly("get_weather", "answer");
        assertThat(body.path("system").path(1).path("text").asString()).contains("`answer` tool");
        assertThat(response.toolCalls()).extracting(c -> c.name()).containsExactly("get_weather");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(response.text()).isEqualTo("Let me check.");
    }

    @Test
    void with_thinking_on_the_answer_tool_is_not_forced_because_the_api_forbids_it() {
        server.enqueue(AnthropicDialect.whole(List.of(textBlock("Commentary."), toolUseBlock("toolu_2", "answer")
                .set("input", JSON.readTree("{\"answer\":7}"))), "tool_use", usage(9, 9, 0, 0)));

        ChatResponse response = model(server).chat(ChatRequest.builder().user("x")
                .option("thinking", Map.of("type", "enabled", "budget_tokens", 1024))
                .responseFormat(ResponseFormat.jsonSchema("answer", SCHEMA)).build());

        assertThat(lastBody(server).path("tool_choice").isMissingNode()).isTrue();
        assertThat(response.text()).isEqualTo("{\"answer\":7}");
        assertThat(response.reasoning()).isEqualTo("Commentary.");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void a_streamed_answer_tool_input_arrives_as_text_deltas() {
        List<String> frames = new ArrayList<>(List.of(messageStart("msg_s", usage(20, 1, 0, 0)),
                blockStart(0, toolUseBlock("toolu_3", "answer"))));
        for (String part : List.of("", "{\"ans", "wer\": 4", "2}")) {
            frames.add(delta(0, node("input_json_delta").put("partial_json", part)));
        }
        frames.addAll(List.of(blockStop(0), messageDelta("tool_use", JSON.createObjectNode().put("output_tokens", 9)),
                messageStop()));
        server.enqueue(Reply.stream(AnthropicDialect.SSE, frames));

        List<String> deltas = new ArrayList<>();
        ChatResponse response;
        try (ChatStream stream = model(server).stream(ChatRequest.builder().user("x")
                .responseFormat(ResponseFormat.jsonSchema("answer", SCHEMA)).build())) {
            while (stream.hasNext()) {
                ChatChunk chunk = stream.next();
                if (!chunk.textDelta().isEmpty()) deltas.add(chunk.textDelta());
                assertThat(chunk.toolCalls()).isEmpty();
            }
            response = stream.response();
        }

        assertThat(deltas).containsExactly("{\"ans", "wer\": 4", "2}");
        assertThat(JSON.readTree(response.text()).path("answer").asInt()).isEqualTo(42);
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(lastBody(server).path("stream").asBoolean()).isTrue();
    }

    @Test
    void streamed_text_before_the_answer_tool_becomes_reasoning_and_without_the_tool_stays_text() {
        server.enqueue(Reply.stream(AnthropicDialect.SSE, List.of(messageStart("m", usage(1, 1, 0, 0)),
                blockStart(0, textBlock("")), textDelta(0, "Sure, "), blockStop(0),
                blockStart(1, toolUseBlock("toolu_4", "get_weather")),
                delta(1, node("input_json_delta").put("partial_json", "{}")), blockStop(1),
                blockStart(2, toolUseBlock("toolu_5", "answer")),
                delta(2, node("input_json_delta").put("partial_json", "{\"answer\":1}")), blockStop(2),
                messageDelta("tool_use", JSON.createObjectNode().put("output_tokens", 5)), messageStop())));
        server.enqueue(Reply.stream(AnthropicDialect.SSE, List.of(messageStart("m", usage(1, 1, 0, 0)),
                blockStart(0, textBlock("")), textDelta(0, "{\"answer\":3}"), blockStop(0),
                messageDelta("end_turn", JSON.createObjectNode().put("output_tokens", 5)), messageStop())));
        ChatRequest request = ChatRequest.builder().user("x").tools(List.of(new ToolSpec("get_weather", "", null)))
                .responseFormat(ResponseFormat.jsonSchema("answer", SCHEMA)).build();

        ChatResponse first = model(server).stream(request).drain();
        ChatResponse second = model(server).stream(request).drain();

        assertThat(first.text()).isEqualTo("{\"answer\":1}");
        assertThat(first.reasoning()).isEqualTo("Sure, ");
        assertThat(first.toolCalls()).extracting(c -> c.name()).containsExactly("get_weather");
        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(second.text()).isEqualTo("{\"answer\":3}");
        assertThat(second.reasoning()).isNull();
    }
}
