package dev.baton.provider.gemini;

import dev.baton.secret.Secret;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorReason;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.FinishReason;
import dev.baton.llm.Message;
import dev.baton.llm.ModelInfo;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.gemini.internal.ThoughtSignatures;
import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.baton.provider.gemini.GeminiDialect.callPart;
import static dev.baton.provider.gemini.GeminiDialect.event;
import static dev.baton.provider.gemini.GeminiDialect.response;
import static dev.baton.provider.gemini.GeminiDialect.textPart;
import static dev.baton.provider.gemini.GeminiDialect.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How Baton's requests and answers translate to and from the Gemini wire format. */
class GeminiChatModelTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "AIzaSyTEST-0123456789abcdefghij";
    private final LoopbackServer server = new LoopbackServer();
    private final GeminiDialect dialect = new GeminiDialect();

    @AfterEach
    void stop() {
        server.close();
    }

    private ChatModel model(Map<String, Object> options) {
        return model(server.baseUri(), options);
    }

    private ChatModel model(URI base, Map<String, Object> options) {
        ProviderSettings settings = new ProviderSettings("gemini", "gemini", base, Secret.of(KEY), Map.of(),
                Duration.ofSeconds(2), Duration.ofSeconds(5), options);
        return new GeminiChatModel(settings, "gemini-2.5-flash",
                new ModelInfo("gemini", "gemini-2.5-flash", 1_048_576, 65_536, Set.of(), null), JSON);
    }

    private JsonNode lastBody() {
        return JSON.readTree(server.lastRequest().body());
    }

    private static Reply json(ObjectNode node) {
        return Reply.json(200, JSON.writeValueAsString(node));
    }

    @Test
    void system_messages_become_the_system_instruction_and_assistant_turns_have_role_model() {
        server.enqueue(dialect.text("ok", 1, 1));

        model(Map.of()).chat(ChatRequest.builder().system("be brief").system("be kind").user("hi")
                .message(Message.assistant("hello")).user("again").build());

        JsonNode body = lastBody();
        assertThat(body.path("systemInstruction").path("parts").path(0).path("text").asString())
                .isEqualTo("be brief\n\nbe kind");
        assertThat(body.path("contents")).hasSize(3);
        assertThat(body.path("contents").path(0).path("role").asString()).isEqualTo("user");
        assertThat(body.path("contents").path(1).path("role").asString()).isEqualTo("model");
        assertThat(body.path("contents").path(1).path("parts").path(0).path("text").asString()).isEqualTo("hello");
    }

    @Test
    void generation_settings_and_options_go_where_gemini_expects_them() {
        server.enqueue(dialect.text("ok", 1, 1));

        model(Map.of()).chat(ChatRequest.builder().user("hi").temperature(0.2).topP(0.9).maxTokens(64)
                .stop(List.of("END")).seed(42L).option("thinkingConfig", Map.of("includeThoughts", true))
                .option("safetySettings", List.of(Map.of("category", "HARM_CATEGORY_HARASSMENT",
                        "threshold", "BLOCK_NONE"))).build());

        JsonNode config = lastBody().path("generationConfig");
        assertThat(config.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(config.path("topP").asDouble()).isEqualTo(0.9);
        assertThat(config.path("maxOutputTokens").asInt()).isEqualTo(64);
        assertThat(config.path("stopSequences").path(0).asString()).isEqualTo("END");
        assertThat(config.path("seed").asInt()).isEqualTo(42);
        assertThat(config.path("thinkingConfig").path("includeThoughts").asBoolean()).isTrue();
        assertThat(lastBody().path("safetySettings").path(0).path("threshold").asString()).isEqualTo("BLOCK_NONE");
    }

    @Test
    void parallel_calls_get_stable_synthesised_ids_and_results_go_back_by_name_in_call_order() {
        List<ToolCall> calls = List.of(new ToolCall("x", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("y", "get_time", "{\"zone\":\"CET\"}"));
        server.enqueue(dialect.toolCalls(calls));
        server.enqueue(dialect.text("Sunny, 14:00", 1, 1));
        ChatModel model = model(Map.of());
        List<ToolSpec> tools = List.of(new ToolSpec("get_weather", "", null), new ToolSpec("get_time", "", null));

        ChatResponse first = model.chat(ChatRequest.builder().user("weather and time?").tools(tools).build());
        assertThat(first.toolCalls()).extracting(ToolCall::id).containsExactly("call_0", "call_1");

        // results arrive out of order; the time tool failed
        model.chat(ChatRequest.builder().user("weather and time?").tools(tools)
                .message(Message.assistant("", first.toolCalls()))
                .message(Message.toolResult("call_1", "get_time", "clock unavailable", true))
                .message(Message.toolResult("call_0", null, "{\"sky\":\"sunny\"}", false)).build());

        JsonNode contents = lastBody().path("contents");
        assertThat(contents).hasSize(3);
        JsonNode modelTurn = contents.path(1);
        assertThat(modelTurn.path("role").asString()).isEqualTo("model");
        assertThat(modelTurn.path("parts").path(0).path("functionCall").path("args").path("city").asString())
                .isEqualTo("Paris");
        JsonNode results = contents.path(2).path("parts");
        assertThat(contents.path(2).path("role").asString()).isEqualTo("user");
        assertThat(results.path(0).path("functionResponse").path("name").asString()).isEqualTo("get_weather");
        assertThat(results.path(0).path("functionResponse").path("response").path("output").path("sky").asString())
                .isEqualTo("sunny");
        assertThat(results.path(1).path("functionResponse").path("name").asString()).isEqualTo("get_time");
        assertThat(results.path(1).path("functionResponse").path("response").path("error").asString())
                .isEqualTo("clock unavailable");
    }

    @Test
    void thought_signatures_of_calls_are_replayed_and_foreign_history_gets_the_skip_marker() {
        ObjectNode signed = callPart(new ToolCall(null, "lookup", "{\"q\":1}")).put("thoughtSignature", "c2lnbmVk");
        server.enqueue(json(response(List.of(signed), "STOP", usage(5, 5))));
        server.enqueue(dialect.text("done", 1, 1));
        server.enqueue(dialect.text("done", 1, 1));
        ChatModel model = model(Map.of());

        ChatResponse first = model.chat(ChatRequest.of("look it up"));
        model.chat(ChatRequest.builder().user("look it up").message(Message.assistant("", first.toolCalls()))
                .message(Message.toolResult(first.toolCalls().get(0).id(), "lookup", "42", false)).build());
        JsonNode replayed = lastBody().path("contents").path(1).path("parts").path(0);
        model.chat(ChatRequest.builder().user("other")
                .message(Message.assistant("", List.of(new ToolCall("call_7", "lookup", "{\"q\":2}"))))
                .message(Message.toolResult("call_7", "lookup", "43", false)).build());
        JsonNode foreign = lastBody().path("contents").path(1).path("parts").path(0);

        assertThat(replayed.path("thoughtSignature").asString()).isEqualTo("c2lnbmVk");
        assertThat(foreign.path("thoughtSignature").asString()).isEqualTo(ThoughtSignatures.SKIP_VALIDATION);
    }

    @Test
    void tool_declarations_use_gemini_schema_subset_and_tool_choice_maps_to_function_calling_config() {
        server.enqueue(dialect.text("ok", 1, 1));
        String schema = """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                 "additionalProperties":false,"properties":{"city":{"type":"string","format":"email"},
                 "unit":{"type":["string","null"],"enum":["C","F"]}},"required":["city"]}""";

        model(Map.of()).chat(ChatRequest.builder().user("x").toolChoice("get_weather")
                .tools(List.of(new ToolSpec("get_weather", "weather", schema), new ToolSpec("noop", "", null))).build());

        JsonNode decls = lastBody().path("tools").path(0).path("functionDeclarations");
        JsonNode params = decls.path(0).path("parameters");
        assertThat(params.has("$schema")).isFalse();
        assertThat(params.has("additionalProperties")).isFalse();
        assertThat(params.path("properties").path("city").has("format")).isFalse();
        assertThat(params.path("properties").path("unit").path("type").asString()).isEqualTo("string");
        assertThat(params.path("properties").path("unit").path("nullable").asBoolean()).isTrue();
        assertThat(params.path("required").path(0).asString()).isEqualTo("city");
        assertThat(decls.path(1).has("parameters")).as("a tool without parameters declares none").isFalse();
        JsonNode fcc = lastBody().path("toolConfig").path("functionCallingConfig");
        assertThat(fcc.path("mode").asString()).isEqualTo("ANY");
        assertThat(fcc.path("allowedFunctionNames").path(0).asString()).isEqualTo("get_weather");
    }

    @Test
    void json_schema_can_be_sent_unconverted_as_response_json_schema() {
        server.enqueue(dialect.text("{}", 1, 1));
        String schema = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"a\":{\"type\":\"integer\"}}}";

        model(Map.of("json_schema_field", "responseJsonSchema")).chat(ChatRequest.builder().user("x")
                .responseFormat(ResponseFormat.jsonSchema("r", schema)).build());

        JsonNode config = lastBody().path("generationConfig");
        assertThat(config.path("responseMimeType").asString()).isEqualTo("application/json");
        assertThat(config.path("responseJsonSchema").path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(config.has("responseSchema")).isFalse();
    }

    @Test
    void usage_counts_cached_and_thought_tokens_and_thoughts_stay_out_of_the_text() {
        ObjectNode meta = usage(100, 20).put("cachedContentTokenCount", 60).put("thoughtsTokenCount", 30);
        ObjectNode thought = textPart("Let me think.").put("thought", true);
        server.enqueue(json(response(List.of(thought, textPart("Answer.")), "STOP", meta)));

        ChatResponse r = model(Map.of()).chat(ChatRequest.of("q"));

        assertThat(r.text()).isEqualTo("Answer.");
        assertThat(r.reasoning()).isEqualTo("Let me think.");
        assertThat(r.usage().inputTokens()).isEqualTo(100);
        assertThat(r.usage().outputTokens()).as("candidates + thoughts").isEqualTo(50);
        assertThat(r.usage().cachedInputTokens()).isEqualTo(60);
        assertThat(r.usage().reasoningTokens()).isEqualTo(30);
        assertThat(r.model()).isEqualTo("gemini-2.5-flash");
        assertThat(r.responseId()).isEqualTo("resp-1");
    }

    @Test
    void max_tokens_is_length_and_a_filter_after_some_output_is_content_filter() {
        server.enqueue(json(response(List.of(textPart("cut")), "MAX_TOKENS", usage(1, 1))));
        server.enqueue(Reply.stream("text/event-stream", List.of(
                event(response(List.of(textPart("Once upon")), null, usage(2, 1))),
                event(response(List.of(), "RECITATION", usage(2, 2))))));

        assertThat(model(Map.of()).chat(ChatRequest.of("q")).finishReason()).isEqualTo(FinishReason.LENGTH);
        ChatResponse streamed = model(Map.of()).stream(ChatRequest.of("q")).drain();
        assertThat(streamed.text()).isEqualTo("Once upon");
        assertThat(streamed.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    }

    @Test
    void a_blocked_prompt_is_a_safety_block_naming_the_reason() {
        ObjectNode blocked = JSON.createObjectNode();
        blocked.putObject("promptFeedback").put("blockReason", "PROHIBITED_CONTENT");
        blocked.set("usageMetadata", usage(8, 0));
        server.enqueue(json(blocked));

        BatonException e = catchThrowableOfType(BatonException.class, () -> model(Map.of()).chat(ChatRequest.of("q")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.reason()).isEqualTo(ErrorReason.SAFETY_BLOCK);
        assertThat(e.retriable()).isFalse();
        assertThat(e.getMessage()).contains("PROHIBITED_CONTENT");
    }

    @Test
    void an_answer_withheld_entirely_is_a_safety_block_in_chat_and_stream() {
        server.enqueue(json(response(List.of(), "SAFETY", usage(3, 0))));
        server.enqueue(Reply.stream("text/event-stream", List.of(event(response(List.of(), "SAFETY", usage(3, 0))))));

        BatonException chat = catchThrowableOfType(BatonException.class, () -> model(Map.of()).chat(ChatRequest.of("q")));
        BatonException stream = catchThrowableOfType(BatonException.class,
                () -> model(Map.of()).stream(ChatRequest.of("q")).drain());

        assertThat(chat.reason()).isEqualTo(ErrorReason.SAFETY_BLOCK);
        assertThat(chat.getMessage()).contains("SAFETY");
        assertThat(stream.reason()).isEqualTo(ErrorReason.SAFETY_BLOCK);
    }

    @Test
    void an_error_object_mid_stream_is_mapped_by_its_code() {
        server.enqueue(Reply.stream("text/event-stream", List.of(
                event(response(List.of(textPart("Hel")), null, usage(2, 1))),
                "data: {\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}\r\n\r\n")));

        BatonException e = catchThrowableOfType(BatonException.class,
                () -> model(Map.of()).stream(ChatRequest.of("q")).drain());

        assertThat(e.code()).isEqualTo(ErrorCode.MODEL_UNAVAILABLE);
        assertThat(e.retriable()).isTrue();
        assertThat(e.getMessage()).contains("overloaded");
    }

    @Test
    void a_stream_ending_cleanly_without_a_finish_reason_is_interrupted() {
        server.enqueue(Reply.stream("text/event-stream", List.of(
                event(response(List.of(textPart("Hel")), null, usage(2, 1))))));

        BatonException e = catchThrowableOfType(BatonException.class,
                () -> model(Map.of()).stream(ChatRequest.of("q")).drain());

        assertThat(e.reason()).isEqualTo(ErrorReason.STREAM_INTERRUPTED);
    }

    @Test
    void an_invalid_key_answered_with_400_is_an_authentication_failure_and_retry_info_is_honoured() {
        server.enqueue(Reply.json(400, """
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",
                 "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID",
                 "domain":"googleapis.com"}]}}"""));
        server.enqueue(Reply.json(429, """
                {"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED",
                 "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}"""));

        BatonException auth = catchThrowableOfType(BatonException.class, () -> model(Map.of()).chat(ChatRequest.of("q")));
        BatonException limited = catchThrowableOfType(BatonException.class, () -> model(Map.of()).chat(ChatRequest.of("q")));

        assertThat(auth.code()).isEqualTo(ErrorCode.AUTHENTICATION);
        assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(37));
    }

    @Test
    void a_versioned_base_url_and_a_resource_model_name_are_used_as_given() {
        server.enqueue(dialect.text("ok", 1, 1));

        model(URI.create(server.baseUri() + "/proxy/v1/"), Map.of())
                .chat(ChatRequest.builder().user("x").model("tunedModels/my-model").build());

        assertThat(server.lastRequest().path()).isEqualTo("/proxy/v1/tunedModels/my-model:generateContent");
    }
}
