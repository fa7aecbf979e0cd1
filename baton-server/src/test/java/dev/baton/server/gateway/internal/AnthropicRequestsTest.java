package dev.baton.server.gateway.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding Anthropic Messages bodies onto {@link ChatRequest}. */
class AnthropicRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static AnthropicRequests.Decoded decode(String body) {
        return AnthropicRequests.decode(JSON.readTree(body));
    }

    @Test
    void given_system_blocks_tool_use_and_tool_results_then_the_conversation_is_batons() {
        AnthropicRequests.Decoded d = decode("""
                {"model":"fast","max_tokens":64,"top_k":5,"stop_sequences":["X"],"tool_choice":{"type":"any"},
                 "system":[{"type":"text","text":"One."},{"type":"text","text":"Two."}],
                 "tools":[{"name":"lookup","description":"d","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":"q"},
                  {"role":"assistant","content":[{"type":"text","text":"Let me look."},{"type":"tool_use","id":"t1","name":"lookup","input":{"k":"v"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"no such key"}],"is_error":true},
                                            {"type":"text","text":"and?"}]}]}""");
        ChatRequest r = d.request().build();

        assertThat(r.messages()).extracting(Message::role)
                .containsExactly(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER);
        assertThat(r.messages().get(0).text()).isEqualTo("One.\n\nTwo.");
        assertThat(r.messages().get(2).text()).isEqualTo("Let me look.");
        assertThat(r.messages().get(2).toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("lookup");
            assertThat(c.argumentsJson()).isEqualTo("{\"k\":\"v\"}");
        });
        Message result = r.messages().get(3);
        assertThat(result.toolCallId()).isEqualTo("t1");
        assertThat(result.toolName()).isEqualTo("lookup");
        assertThat(result.isError()).isTrue();
        assertThat(result.text()).isEqualTo("no such key");
        assertThat(r.maxTokens()).isEqualTo(64);
        assertThat(r.stop()).containsExactly("X");
        assertThat(r.toolChoice()).isEqualTo("required");
        assertThat(r.tools()).singleElement().satisfies(t -> assertThat(t.parametersSchemaJson()).isEqualTo("{\"type\":\"object\"}"));
        assertThat(d.unknown()).containsOnlyKeys("top_k");
    }

    @Test
    void given_unsupported_blocks_or_roles_then_the_error_names_the_field() {
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\"}]}]}"))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.param()).isEqualTo("messages[0].content[0]"));
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}"))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.param()).isEqualTo("messages[0].role"));
        assertThatThrownBy(() -> decode("{\"model\":\"m\",\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"w\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.param()).isEqualTo("tools[0].type"));
    }
}
