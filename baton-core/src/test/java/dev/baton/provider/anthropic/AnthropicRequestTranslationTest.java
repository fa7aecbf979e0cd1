package dev.baton.provider.anthropic;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import dev.baton.testing.LoopbackServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static dev.baton.provider.anthropic.AnthropicTestSupport.KEY;
import static dev.baton.provider.anthropic.AnthropicTestSupport.lastBody;
import static dev.baton.provider.anthropic.AnthropicTestSupport.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How Baton's requests are written on the Messages API wire. */
class AnthropicRequestTranslationTest {

    private final LoopbackServer server = new LoopbackServer();
    private final AnthropicDialect dialect = new AnthropicDialect();

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode send(ChatRequest request) {
        server.enqueue(dialect.text("ok", 1, 1));
        model(server).chat(request);
        return lastBody(server);
    }

    @Test
    void posts_to_v1_messages_under_the_api_root_with_key_and_version_headers() {
        server.enqueue(dialect.text("ok", 1, 1));
        var settings = AnthropicTestSupport.settings(URI.create(server.baseUri() + "/"), Map.of());

        new AnthropicChatModel(settings, "claude-haiku-4-5", null, AnthropicDialect.JSON).chat(ChatRequest.of("x"));

        var request = server.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("anthropic-beta")).isNull();
        assertThat(request.header("Authorization")).isNull();
        assertThat(lastBody(server).path("model").asString()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void version_and_beta_headers_come_from_options() {
        server.enqueue(dialect.text("ok", 1, 1));
        Map<String, Object> options = Map.of("anthropic_version", "2024-01-01",
                "anthropic_beta", List.of("interleaved-thinking-2025-05-14", "context-1m-2025-08-07"));

        model(server, options, 1000).chat(ChatRequest.of("x"));

        assertThat(server.lastRequest().header("anthropic-version")).isEqualTo("2024-01-01");
        assertThat(server.lastRequest().header("anthropic-beta"))
                .isEqualTo("interleaved-thinking-2025-05-14,context-1m-2025-08-07");
    }

    @Test
    void system_messages_go_to_the_top_level_system_field_not_into_messages() {
        JsonNode body = send(ChatRequest.builder().system("You are terse.").user("hi")
                .message(Message.assistant("hello")).system("Answer in French.").user("again").build());

        assertThat(body.path("system").path(0).path("text").asString()).isEqualTo("You are terse.");
        assertThat(body.path("system").path(1).path("text").asString()).isEqualTo("Answer in French.");
        assertThat(body.path("messages")).hasSize(3);
        for (JsonNode m : body.path("messages")) assertThat(m.path("role").asString()).isIn("user", "assistant");
        assertThat(body.path("messages").path(0).path("content").path(0).path("text").asString()).isEqualTo("hi");
    }

    @Test
    void consecutive_messages_of_one_role_are_merged_so_roles_alternate() {
        JsonNode body = send(ChatRequest.builder().user("first").user("second")
                .message(Message.assistant("a")).message(Message.assistant("b")).user("third").build());

        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.path(0).path("content")).extracting(b -> b.path("text").asString())
                .containsExactly("first", "second");
        assertThat(messages.path(1).path("role").asString()).isEqualTo("assistant");
        assertThat(messages.path(1).path("content")).hasSize(2);
    }

    @Test
    void parallel_tool_calls_and_their_results_share_one_assistant_and_one_user_turn() {
        List<ToolCall> calls = List.of(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("toolu_2", "get_time", "{\"zone\":\"CET\"}"));

        JsonNode body = send(ChatRequest.builder().user("weather and time?")
                .message(Message.assistant("Looking.", calls))
                .message(Message.toolResult("toolu_1", "get_weather", "18C, cloudy", false))
                .message(Message.toolResult("toolu_2", "get_time", "clock offline", true))
                .user("and tomorrow?").build());

        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(3);
        JsonNode assistant = messages.path(1).path("content");
        assertThat(assistant.path(0).path("type").asString()).isEqualTo("text");
        assertThat(assistant.path(1).path("type").asString()).isEqualTo("tool_use");
        assertThat(assistant.path(1).path("id").asString()).isEqualTo("toolu_1");
        assertThat(assistant.path(1).path("input").path("city").asString()).isEqualTo("Paris");
        assertThat(assistant.path(2).path("name").asString()).isEqualTo("get_time");
        JsonNode user = messages.path(2);
        assertThat(user.path("role").asString()).isEqualTo("user");
        assertThat(user.path("content").path(0).path("type").asString()).isEqualTo("tool_result");
        assertThat(user.path("content").path(0).path("tool_use_id").asString()).isEqualTo("toolu_1");
        assertThat(user.path("content").path(0).has("is_error")).isFalse();
        assertThat(user.path("content").path(1).path("content").asString()).isEqualTo("clock offline");
        assertThat(user.path("content").path(1).path("is_error").asBoolean()).isTrue();
        assertThat(user.path("content").path(2).path("text").asString()).isEqualTo("and tomorrow?");
    }

    @Test
    void empty_text_is_left_out_of_the_content_blocks() {
        JsonNode body = send(ChatRequest.builder().user("go")
                .message(Message.assistant("", List.of(new ToolCall("toolu_1", "t", "{}"))))
                .message(Message.toolResult("toolu_1", "t", "", false)).build());

        JsonNode assistant = body.path("messages").path(1).path("content");
        assertThat(assistant).hasSize(1);
        assertThat(assistant.path(0).path("type").asString()).isEqualTo("tool_use");
        assertThat(body.path("messages").path(2).path("content").path(0).has("content")).isFalse();
    }

    @Test
    void tool_arguments_that_are_not_an_object_fail_before_anything_is_sent() {
        ChatRequest request = ChatRequest.builder().user("go")
                .message(Message.assistant("", List.of(new ToolCall("toolu_1", "t", "[1,2"))))
                .message(Message.toolResult("toolu_1", "t", "x", false)).build();

        BatonException e = catchThrowableOfType(BatonException.class, () -> model(server).chat(request));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void max_tokens_is_always_sent_defaulting_to_the_models_max_output_then_4096() {
        server.enqueue(dialect.text("ok", 1, 1)).enqueue(dialect.text("ok", 1, 1)).enqueue(dialect.text("ok", 1, 1));

        model(server, Map.of(), 64_000).chat(ChatRequest.of("x"));
        assertThat(lastBody(server).path("max_tokens").asInt()).isEqualTo(64_000);
        model(server, Map.of(), 0).chat(ChatRequest.of("x"));
        assertThat(lastBody(server).path("max_tokens").asInt()).isEqualTo(4096);
        model(server, Map.of(), 64_000).chat(ChatRequest.builder().user("x").maxTokens(300).build());
        assertThat(lastBody(server).path("max_tokens").asInt()).isEqualTo(300);
    }

    @Test
    void sampling_parameters_stop_sequences_and_options_are_sent_and_seed_is_not() {
        JsonNode body = send(ChatRequest.builder().user("x").temperature(0.2).topP(0.9).seed(7L)
                .stop(List.of("END", "STOP")).metadata("agent", "a1")
                .option("top_k", 40).option("thinking", Map.of("type", "enabled", "budget_tokens", 2048)).build());

        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("stop_sequences")).extracting(JsonNode::asString).containsExactly("END", "STOP");
        assertThat(body.has("seed")).isFalse();
        assertThat(body.has("stop")).isFalse();
        assertThat(body.has("metadata")).isFalse();
        assertThat(body.has("stream")).isFalse();
        assertThat(body.path("top_k").asInt()).isEqualTo(40);
        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"auto, auto, ''", "none, none, ''", "required, any, ''", "any, any, ''", "get_weather, tool, get_weather"})
    void tool_choice_is_mapped(String choice, String type, String name) {
        JsonNode body = send(ChatRequest.builder().user("x").toolChoice(choice)
                .tools(List.of(new ToolSpec("get_weather", "weather", null))).build());

        assertThat(body.path("tool_choice").path("type").asString()).isEqualTo(type);
        assertThat(body.path("tool_choice").path("name").asString("")).isEqualTo(name);
        assertThat(body.path("tools").path(0).path("input_schema").path("type").asString()).isEqualTo("object");
        assertThat(body.path("tools").path(0).path("description").asString()).isEqualTo("weather");
    }

    @Test
    void prompt_caching_marks_the_system_prompt_and_the_tools_as_breakpoints() {
        server.enqueue(dialect.text("ok", 1, 1));

        model(server, Map.of("prompt_caching", true), 1000).chat(ChatRequest.builder().system("long rules").user("x")
                .tools(List.of(new ToolSpec("a", "", null), new ToolSpec("b", "", null))).build());

        JsonNode body = lastBody(server);
        assertThat(body.path("system").path(0).path("cache_control").path("type").asString()).isEqualTo("ephemeral");
        assertThat(body.path("tools").path(0).has("cache_control")).isFalse();
        assertThat(body.path("tools").path(1).path("cache_control").path("type").asString()).isEqualTo("ephemeral");
    }
}
