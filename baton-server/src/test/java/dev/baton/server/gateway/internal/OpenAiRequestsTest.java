package dev.baton.server.gateway.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding OpenAI Chat Completions bodies onto {@link ChatRequest}. */
class OpenAiRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static OpenAiRequests.Decoded decode(String body) {
        return OpenAiRequests.decode(JSON.readTree(body));
    }

    @Test
    void given_every_modelled_field_then_each_lands_on_the_request_and_the_rest_is_kept_for_pass_through() {
        OpenAiRequests.Decoded d = decode("""
                {"model":"fast","temperature":0.2,"top_p":0.9,"max_tokens":10,"max_completion_tokens":20,"stop":"END",
                 "seed":12345678901,"user":"u1","logit_bias":{"1":2},"response_format":{"type":"json_object"},
                 "tool_choice":{"type":"function","function":{"name":"f"}},
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                 "stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"developer","content":"Be brief."},
                             {"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}]}""");
        ChatRequest r = d.request().build();

        assertThat(d.model()).isEqualTo("fast");
        assertThat(d.stream()).isTrue();
        assertThat(d.includeUsage()).isTrue();
        assertThat(r.temperature()).isEqualTo(0.2);
        assertThat(r.topP()).isEqualTo(0.9);
        assertThat(r.maxTokens()).as("max_completion_tokens wins").isEqualTo(20);
        assertThat(r.stop()).containsExactly("END");
        assertThat(r.seed()).isEqualTo(12345678901L);
        assertThat(r.responseFormat()).isEqualTo(ResponseFormat.JSON);
        assertThat(r.toolChoice()).isEqualTo("f");
        assertThat(r.tools()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("f"));
        assertThat(r.messages()).extracting(Message::role).containsExactly(Role.SYSTEM, Role.USER);
        assertThat(r.messages().get(1).text()).isEqualTo("ab");
        assertThat(d.unknown()).containsOnlyKeys("user", "logit_bias");
    }

    @Test
    void given_a_tool_message_then_it_answers_the_call_and_carries_the_tools_name() {
        ChatRequest r = decode("""
                {"model":"m","messages":[{"role":"user","content":"q"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"{\\"x\\":1}"}}]},
                 {"role":"tool","tool_call_id":"c1","content":"42"}]}""").request().build();

        Message assistant = r.messages().get(1);
        assertThat(assistant.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("c1");
            assertThat(c.argumentsJson()).isEqualTo("{\"x\":1}");
        });
        Message tool = r.messages().get(2);
        assertThat(tool.role()).isEqualTo(Role.TOOL);
        assertThat(tool.toolCallId()).isEqualTo("c1");
        assertThat(tool.toolName()).isEqualTo("lookup");
        assertThat(tool.text()).isEqualTo("42");
    }

    @Test
    void given_a_json_schema_format_then_it_becomes_batons_schema_format() {
        ChatRequest r = decode("""
                {"model":"m","messages":[{"role":"user","content":"q"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"verdict","schema":{"type":"object"}}}}""")
                .request().build();

        assertThat(r.responseFormat().kind()).isEqualTo(ResponseFormat.Kind.JSON_SCHEMA);
        assertThat(r.responseFormat().name()).isEqualTo("verdict");
        JsonNode schema = JSON.readTree(r.responseFormat().schemaJson());
        assertThat(schema.get("type").asString()).isEqualTo("object");
    }

    @Test
    void given_fields_of_the_wrong_shape_then_the_error_names_the_field() {
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"messages\":[]}"))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.param()).isEqualTo("messages"));
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"n\":2,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}"))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.param()).isEqualTo("n"));
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}"))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.param()).isEqualTo("messages[0].content[0]"));
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"q\"}]}"))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.param()).isEqualTo("messages[0].role"));
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"max_tokens\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}"))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.param()).isEqualTo("max_tokens"));
    }
}
