package dev.baton.provider.bedrock;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.FinishReason;
import dev.baton.llm.Message;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import dev.baton.testing.LoopbackServer.Recorded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the adapter sends: the Converse request body, the path and the signature. */
class BedrockRequestTranslationTest extends BedrockLoopbackTest {

    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "Weather for a city",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

    @Test
    void system_prompts_become_system_blocks_and_never_conversation_messages() {
        server.enqueue(dialect.text("ok", 1, 1));

        model().chat(ChatRequest.builder().system("You are terse.").user("Hi").system("Answer in French.").build());

        JsonNode body = lastBody();
        assertThat(body.path("system")).hasSize(2);
        assertThat(body.path("system").path(0).path("text").asString()).isEqualTo("You are terse.");
        assertThat(body.path("system").path(1).path("text").asString()).isEqualTo("Answer in French.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").path(0).path("role").asString()).isEqualTo("user");
        assertThat(body.path("messages").path(0).path("content").path(0).path("text").asString()).isEqualTo("Hi");
    }

    @Test
    void sampling_parameters_go_to_inference_config_and_options_to_additional_model_request_fields() {
        server.enqueue(dialect.text("ok", 1, 1));

        model().chat(ChatRequest.builder().user("Hi").maxTokens(256).temperature(0.25).topP(0.9)
                .stop(List.of("END", "STOP")).option("top_k", 40)
                .option("thinking", Map.of("type", "enabled", "budget_tokens", 1024)).build());

        JsonNode body = lastBody();
        JsonNode inference = body.path("inferenceConfig");
        assertThat(inference.path("maxTokens").asInt()).isEqualTo(256);
        assertThat(inference.path("temperature").asDouble()).isEqualTo(0.25);
        assertThat(inference.path("topP").asDouble()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(inference.path("stopSequences").toString()).isEqualTo("[\"END\",\"STOP\"]");
        JsonNode extra = body.path("additionalModelRequestFields");
        assertThat(extra.path("top_k").asInt()).isEqualTo(40);
        assertThat(extra.path("thinking").path("budget_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void tool_history_is_sent_as_tool_use_and_tool_result_blocks_with_errors_flagged() {
        server.enqueue(dialect.text("Paris is sunny; the clock failed.", 1, 1));
        List<ToolCall> calls = List.of(new ToolCall("tooluse_1", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("tooluse_2", "get_time", "{}"));

        model().chat(ChatRequest.builder().user("weather and time?")
                .message(Message.assistant("Checking both.", calls))
                .message(Message.toolResult("tooluse_1", "get_weather", "sunny, 24C", false))
                .message(Message.toolResult("tooluse_2", "get_time", "clock service down", true))
                .user("and then?")
                .tools(List.of(WEATHER, new ToolSpec("get_time", "", null))).build());

        JsonNode messages = lastBody().path("messages");
        assertThat(messages).hasSize(3);
        JsonNode assistant = messages.path(1);
        assertThat(assistant.path("role").asString()).isEqualTo("assistant");
        assertThat(assistant.path("content").path(0).path("text").asString()).isEqualTo("Checking both.");
        assertThat(assistant.path("content").path(1).path("toolUse").path("toolUseId").asString()).isEqualTo("tooluse_1");
        assertThat(assistant.path("content").path(1).path("toolUse").path("input").path("city").asString())
                .isEqualTo("Paris");
        assertThat(assistant.path("content").path(2).path("toolUse").path("name").asString()).isEqualTo("get_time");
        // Parallel results travel together in one user turn, followed by the user's next text.
        JsonNode results = messages.path(2);
        assertThat(results.path("role").asString()).isEqualTo("user");
        JsonNode ok = results.path("content").path(0).path("toolResult");
        assertThat(ok.path("toolUseId").asString()).isEqualTo("tooluse_1");
        assertThat(ok.path("status").asString()).isEqualTo("success");
        assertThat(ok.path("content").path(0).path("text").asString()).isEqualTo("sunny, 24C");
        JsonNode failed = results.path("content").path(1).path("toolResult");
        assertThat(failed.path("toolUseId").asString()).isEqualTo("tooluse_2");
        assertThat(failed.path("status").asString()).isEqualTo("error");
        assertThat(failed.path("content").path(0).path("text").asString()).isEqualTo("clock service down");
        assertThat(results.path("content").path(2).path("text").asString()).isEqualTo("and then?");
    }

    @Test
    void tools_are_declared_with_json_input_schemas() {
        server.enqueue(dialect.text("ok", 1, 1));

        model().chat(ChatRequest.builder().user("weather?").tools(List.of(WEATHER)).build());

        JsonNode config = lastBody().path("toolConfig");
        JsonNode spec = config.path("tools").path(0).path("toolSpec");
        assertThat(spec.path("name").asString()).isEqualTo("get_weather");
        assertThat(spec.path("description").asString()).isEqualTo("Weather for a city");
        assertThat(spec.path("inputSchema").path("json").path("required").path(0).asString()).isEqualTo("city");
        assertThat(config.has("toolChoice")).as("no choice asked, model default").isFalse();
    }

    @ParameterizedTest(name = "tool choice {0}")
    @ValueSource(strings = {"auto", "required", "get_weather", "none"})
    void tool_choice_maps_onto_auto_any_tool_or_no_tools(String choice) {
        server.enqueue(dialect.text("ok", 1, 1));

        model().chat(ChatRequest.builder().user("weather?").tools(List.of(WEATHER)).toolChoice(choice).build());

        JsonNode body = lastBody();
        JsonNode toolChoice = body.path("toolConfig").path("toolChoice");
        switch (choice) {
            case "auto" -> assertThat(toolChoice.has("auto")).isTrue();
            case "required" -> assertThat(toolChoice.has("any")).isTrue();
            case "get_weather" -> assertThat(toolChoice.path("tool").path("name").asString()).isEqualTo("get_weather");
            default -> assertThat(body.has("toolConfig")).as("none: the tools are left out").isFalse();
        }
    }

    @Test
    void a_json_schema_is_requested_through_a_forced_tool_and_its_input_is_the_answer() {
        String schema = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"integer\"}},\"required\":[\"answer\"]}";
        ArrayNode content = BedrockDialect.JSON.createArrayNode();
        content.addObject().putObject("toolUse").put("toolUseId", "tooluse_9").put("name", "final_answer")
                .putObject("input").put("answer", 42);
        server.enqueue(BedrockDialect.converse(content, "tool_use", BedrockDialect.usage(30, 8, 0, 0)));

        ChatResponse response = model().chat(ChatRequest.builder().user("the answer?")
                .responseFormat(ResponseFormat.jsonSchema("final answer", schema)).build());

        JsonNode config = lastBody().path("toolConfig");
        assertThat(config.path("toolChoice").path("tool").path("name").asString()).isEqualTo("final_answer");
        assertThat(config.path("tools").path(0).path("toolSpec").path("inputSchema").path("json").path("properties")
                .has("answer")).isTrue();
        assertThat(BedrockDialect.JSON.readTree(response.text()).path("answer").asInt()).isEqualTo(42);
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void json_mode_forces_an_object_tool_and_with_other_tools_any_tool_must_be_called() {
        server.enqueue(dialect.text("ok", 1, 1));

        model().chat(ChatRequest.builder().user("x").tools(List.of(WEATHER)).responseFormat(ResponseFormat.JSON).build());

        JsonNode config = lastBody().path("toolConfig");
        assertThat(dialect.declaredTools(lastBody())).containsExactly("get_weather", "json_response");
        assertThat(config.path("tools").path(1).path("toolSpec").path("inputSchema").path("json").path("type")
                .asString()).isEqualTo("object");
        assertThat(config.path("toolChoice").has("any")).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"amazon.nova-lite-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "us.anthropic.claude-sonnet-4-20250514-v1:0"})
    void model_ids_and_inference_profiles_pass_through_to_correctly_signed_paths(String modelId) {
        BedrockChatModel model = model(modelId, Duration.ofSeconds(5));
        server.enqueue(dialect.text("ok", 1, 1));
        server.enqueue(dialect.streamedText(List.of("o", "k"), 1, 1));

        assertThat(model.chat(ChatRequest.of("hi")).text()).isEqualTo("ok");
        Recorded converse = server.lastRequest();
        assertThat(model.stream(ChatRequest.of("hi")).drain().text()).isEqualTo("ok");
        Recorded stream = server.lastRequest();

        assertThat(converse.path()).isEqualTo("/model/" + modelId + "/converse");
        assertThat(stream.path()).isEqualTo("/model/" + modelId + "/converse-stream");
        for (Recorded r : List.of(converse, stream)) {
            assertThat(r.header("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                    .contains("/us-east-1/bedrock/aws4_request")
                    .isEqualTo(SigV4Check.expectedAuthorization(r, SECRET_KEY));
        }
    }

    @Test
    void the_request_model_overrides_the_adapter_model() {
        server.enqueue(dialect.text("ok", 1, 1));

        ChatResponse response = model().chat(ChatRequest.builder().user("hi")
                .model("us.anthropic.claude-sonnet-4-20250514-v1:0").build());

        assertThat(server.lastRequest().path()).isEqualTo("/model/us.anthropic.claude-sonnet-4-20250514-v1:0/converse");
        assertThat(response.model()).isEqualTo("us.anthropic.claude-sonnet-4-20250514-v1:0");
    }

    @Test
    void a_bedrock_api_key_is_sent_as_a_bearer_token_instead_of_a_signature() {
        server.enqueue(dialect.text("ok", 1, 1));

        modelWithApiKey("ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl").chat(ChatRequest.of("hi"));

        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl");
    }
}
