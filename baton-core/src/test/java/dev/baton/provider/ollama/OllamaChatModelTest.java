package dev.baton.provider.ollama;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.FinishReason;
import dev.baton.llm.Message;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import dev.baton.provider.ProviderSettings;
import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.baton.provider.ollama.OllamaDialect.NDJSON;
import static dev.baton.provider.ollama.OllamaDialect.chunk;
import static dev.baton.provider.ollama.OllamaDialect.done;
import static dev.baton.provider.ollama.OllamaDialect.line;
import static dev.baton.provider.ollama.OllamaDialect.withCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How Baton's requests and answers translate to and from Ollama's native chat API. */
class OllamaChatModelTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final LoopbackServer server = new LoopbackServer();
    private final OllamaDialect dialect = new OllamaDialect();

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatModel model(Map<String, Object> options) {
        ProviderSettings settings = new ProviderSettings("ollama", "ollama", server.baseUri(), null, Map.of(),
                Duration.ofSeconds(2), Duration.ofSeconds(5), options);
        return new OllamaChatModel(settings, "llama3.2",
                new ModelInfo("ollama", "llama3.2", 131_072, 4096, Set.of(), null), JSON);
    }

    private JsonNode lastBody() {
        return JSON.readTree(server.lastRequest().body());
    }

    @Test
    void sampling_settings_go_into_options_and_keep_alive_and_think_to_the_top() {
        server.enqueue(dialect.text("ok", 1, 1));

        model(Map.of("keep_alive", "10m")).chat(ChatRequest.builder().system("sys").user("hi").temperature(0.3)
                .topP(0.8).maxTokens(128).stop(List.of("###")).seed(7L).option("num_ctx", 8192)
                .option("think", true).build());

        JsonNode body = lastBody();
        assertThat(body.path("model").asString()).isEqualTo("llama3.2");
        assertThat(body.path("stream").asBoolean(true)).isFalse();
        assertThat(body.path("messages").path(0).path("role").asString()).isEqualTo("system");
        assertThat(body.path("keep_alive").asString()).isEqualTo("10m");
        assertThat(body.path("think").asBoolean()).isTrue();
        JsonNode options = body.path("options");
        assertThat(options.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(options.path("top_p").asDouble()).isEqualTo(0.8);
        assertThat(options.path("num_predict").asInt()).isEqualTo(128);
        assertThat(options.path("stop").path(0).asString()).isEqualTo("###");
        assertThat(options.path("seed").asLong()).isEqualTo(7L);
        assertThat(options.path("num_ctx").asInt()).isEqualTo(8192);
        assertThat(options.has("think")).isFalse();
    }

    @Test
    void structured_output_uses_format_json_or_the_schema() {
        server.enqueue(dialect.text("{}", 1, 1));
        server.enqueue(dialect.text("{}", 1, 1));

        model(Map.of()).chat(ChatRequest.builder().user("x").responseFormat(ResponseFormat.JSON).build());
        String jsonMode = lastBody().path("format").asString();
        model(Map.of()).chat(ChatRequest.builder().user("x")
                .responseFormat(ResponseFormat.jsonSchema("r", "{\"type\":\"object\",\"properties\":{\"a\":{}}}")).build());

        assertThat(jsonMode).isEqualTo("json");
        assertThat(lastBody().path("format").path("type").asString()).isEqualTo("object");
    }

    @Test
    void tool_calls_with_object_arguments_get_synthesised_ids_and_results_go_back_as_tool_messages() {
        server.enqueue(dialect.toolCalls(List.of(new ToolCall(null, "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall(null, "get_time", "{}"))));
        server.enqueue(dialect.text("done", 1, 1));
        ChatModel model = model(Map.of());
        List<ToolSpec> tools = List.of(new ToolSpec("get_weather", "weather", null), new ToolSpec("get_time", "", null));

        ChatResponse first = model.chat(ChatRequest.builder().user("go").tools(tools).build());
        model.chat(ChatRequest.builder().user("go").tools(tools).message(Message.assistant("", first.toolCalls()))
                .message(Message.toolResult("call_0", null, "14 C", false))
                .message(Message.toolResult("call_1", "get_time", "no clock", true)).build());

        assertThat(first.toolCalls()).extracting(ToolCall::id).containsExactly("call_0", "call_1");
        assertThat(first.toolCalls().get(0).argumentsJson()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        JsonNode messages = lastBody().path("messages");
        assertThat(messages.path(1).path("tool_calls").path(0).path("function").path("arguments").isObject()).isTrue();
        assertThat(messages.path(1).path("tool_calls").path(0).path("function").path("arguments").path("city")
                .asString()).isEqualTo("Paris");
        assertThat(messages.path(2).path("role").asString()).isEqualTo("tool");
        assertThat(messages.path(2).path("tool_name").asString()).isEqualTo("get_weather");
        assertThat(messages.path(2).path("content").asString()).isEqualTo("14 C");
        assertThat(messages.path(3).path("tool_name").asString()).isEqualTo("get_time");
        assertThat(messages.path(3).path("content").asString()).startsWith("ERROR").contains("no clock");
    }

    @Test
    void tool_choice_none_sends_no_tools_and_a_named_choice_sends_only_that_tool() {
        server.enqueue(dialect.text("a", 1, 1));
        server.enqueue(dialect.text("b", 1, 1));
        List<ToolSpec> tools = List.of(new ToolSpec("a", "", null), new ToolSpec("b", "", null));

        model(Map.of()).chat(ChatRequest.builder().user("x").tools(tools).toolChoice("none").build());
        boolean hadTools = lastBody().has("tools");
        model(Map.of()).chat(ChatRequest.builder().user("x").tools(tools).toolChoice("b").build());

        assertThat(hadTools).isFalse();
        assertThat(lastBody().path("tools")).hasSize(1);
        assertThat(lastBody().path("tools").path(0).path("function").path("name").asString()).isEqualTo("b");
    }

    @Test
    void thinking_is_reasoning_in_whole_and_streamed_answers() {
        ObjectNode whole = done(chunk("42"), "stop", 5, 9);
        ((ObjectNode) whole.get("message")).put("thinking", "6 times 7");
        server.enqueue(Reply.json(200, JSON.writeValueAsString(whole)));
        ObjectNode thinking = chunk("");
        ((ObjectNode) thinking.get("message")).put("thinking", "6 times 7");
        server.enqueue(Reply.stream(NDJSON, List.of(line(thinking), line(chunk("42")), line(done(chunk(""), "stop", 5, 9)))));

        ChatResponse r = model(Map.of()).chat(ChatRequest.of("q"));
        ChatResponse s = model(Map.of()).stream(ChatRequest.of("q")).drain();

        assertThat(r.text()).isEqualTo("42");
        assertThat(r.reasoning()).isEqualTo("6 times 7");
        assertThat(r.usage().inputTokens()).isEqualTo(5);
        assertThat(r.usage().outputTokens()).isEqualTo(9);
        assertThat(r.usage().cachedInputTokens()).as("Ollama reports no cached tokens").isZero();
        assertThat(s.text()).isEqualTo("42");
        assertThat(s.reasoning()).isEqualTo("6 times 7");
        assertThat(JSON.readTree(server.lastRequest().body()).path("stream").asBoolean()).isTrue();
    }

    @Test
    void a_length_stop_is_length_and_streamed_tool_calls_get_distinct_ids() {
        server.enqueue(Reply.json(200, JSON.writeValueAsString(done(chunk("cut"), "length", 1, 1))));
        server.enqueue(Reply.stream(NDJSON, List.of(
                line(withCalls(chunk(""), List.of(new ToolCall(null, "a", "{}")))),
                line(withCalls(chunk(""), List.of(new ToolCall(null, "b", "{\"x\":1}")))),
                line(done(chunk(""), "stop", 2, 2)))));

        assertThat(model(Map.of()).chat(ChatRequest.of("q")).finishReason()).isEqualTo(FinishReason.LENGTH);
        ChatResponse s = model(Map.of()).stream(ChatRequest.of("q")).drain();
        assertThat(s.toolCalls()).extracting(ToolCall::id).containsExactly("call_0", "call_1");
        assertThat(s.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void an_error_line_mid_stream_is_a_provider_failure() {
        server.enqueue(Reply.stream(NDJSON, List.of(line(chunk("Hel")),
                "{\"error\":\"an error was encountered while running the model: out of memory\"}\n")));

        ChatStream stream = model(Map.of()).stream(ChatRequest.of("q"));
        ChatChunk first = stream.next();
        BatonException e = catchThrowableOfType(BatonException.class, stream::drain);

        assertThat(first.textDelta()).isEqualTo("Hel");
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("out of memory");
    }

    @Test
    void a_stream_ending_after_complete_lines_but_before_done_is_interrupted() {
        server.enqueue(Reply.stream(NDJSON, List.of(line(chunk("Hel")), line(chunk("lo")))));

        BatonException e = catchThrowableOfType(BatonException.class,
                () -> model(Map.of()).stream(ChatRequest.of("q")).drain());

        assertThat(e.reason()).isEqualTo(ErrorReason.STREAM_INTERRUPTED);
    }
}
