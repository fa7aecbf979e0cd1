package dev.baton.provider.openai.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat-completions body the OpenAI adapter sends, written without a tree in between. */
class OpenAiRequestEncoderTest {

    private final ObjectMapper json = new ObjectMapper();
    private final OpenAiRequestEncoder encoder = new OpenAiRequestEncoder(json, "max_completion_tokens");

    @Test
    void given_a_full_request_when_encoded_for_a_stream_then_every_field_is_in_openais_shape() {
        ChatRequest request = ChatRequest.builder()
                .messages(List.of(Message.system("be brief"), Message.user("hi"),
                        new Message(Role.ASSISTANT, "", List.of(new ToolCall("c1", "look", "{\"q\":1}")), null, null, false),
                        Message.toolResult("c1", "look", "found", true)))
                .temperature(0.5).topP(0.9).maxTokens(64).stop(List.of("END")).seed(7L)
                .tools(List.of(new ToolSpec("look", "looks up", "{\"type\":\"object\"}"))).toolChoice("look")
                .responseFormat(ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}"))
                .build();

        JsonNode body = json.readTree(new String(encoder.encode(request, "gpt-x", true), StandardCharsets.UTF_8));

        assertThat(body).isEqualTo(json.readTree("""
                {"model":"gpt-x","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                   "function":{"name":"look","arguments":"{\\"q\\":1}"}}]},
                 {"role":"tool","tool_call_id":"c1","content":"ERROR: found"}],
                 "temperature":0.5,"top_p":0.9,"max_completion_tokens":64,"stop":["END"],"seed":7,
                 "tools":[{"type":"function","function":{"name":"look","description":"looks up","parameters":{"type":"object"}}}],
                 "tool_choice":{"type":"function","function":{"name":"look"}},
                 "response_format":{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object"}}},
                 "stream":true,"stream_options":{"include_usage":true}}"""));
    }

    @Test
    void given_options_when_encoded_then_they_pass_through_and_one_named_like_a_field_replaces_it_once() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("temperature", 0.1);
        options.put("logit_bias", json.readTree("{\"42\":-100}"));
        ChatRequest request = ChatRequest.builder().messages(List.of(Message.user("hi"))).temperature(0.9)
                .options(options).build();

        String text = new String(encoder.encode(request, "gpt-x", false), StandardCharsets.UTF_8);
        JsonNode body = json.readTree(text);

        assertThat(text.split("\"temperature\"", -1)).as("one temperature field in " + text).hasSize(2);
        assertThat(body.get("temperature").doubleValue()).isEqualTo(0.1);
        assertThat(body.get("logit_bias")).isEqualTo(json.readTree("{\"42\":-100}"));
        assertThat(body.has("stream")).isFalse();
    }
}
