package dev.baton.server.gateway.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.provider.openai.internal.OpenAiRequestEncoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The streaming request reader against the tree decoder it replaced on the hot path: the same body
 * gives the same request, the same fields passed through and the same upstream body, or the same
 * refusal naming the same field.
 */
class OpenAiRequestParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenAiRequestEncoder ENCODER = new OpenAiRequestEncoder(JSON, "max_completion_tokens");

    @ParameterizedTest
    @ValueSource(strings = {
            """
            {"model":"fast","messages":[{"role":"user","content":"Hi"}]}""",
            """
            {"model":"m","messages":[{"role":"user","content":"q"}],"max_tokens":7,"temperature":1,"top_p":0.5,"n":1,
             "stream":false,"a":-3,"b":9223372036854775807,"c":92233720368547758070,"d":1.5e3,"e":false,"f":"s","g":null,"h":[]}""",
            """
            {"messages":[{"role":"developer","content":"Be brief.","name":"x"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}],
             "model":"fast","temperature":0.2,"top_p":0.9,"max_tokens":10,"stop":["END","\\n"],"seed":12345678901,
             "user":"u1","logit_bias":{"1":2},"metadata":{"k":[1,2.5,null,true]},"response_format":{"type":"json_object"},
             "tool_choice":"auto","tools":[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object"}}}],
             "stream":true,"stream_options":{"include_usage":true},"extra":null}""",
            """
            {"model":"m","messages":[{"role":"user","content":"q","extra":{"deep":[1,{"a":"b"}]}},
             {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"lookup","arguments":"{\\"x\\":1}"}}]},
             {"role":"tool","tool_call_id":"c1","content":"42"},{"role":"tool","tool_call_id":"c9","name":"other","content":null}]}""",
            """
            {"model":"m","messages":[{"role":"user","content":"first"}],"messages":[{"role":"user","content":"second"}],"user":"a","user":"b"}""",
            """
            {"model":"m","response_format":{"type":"json_schema","json_schema":{"name":"v","schema":{"type":"object"}}},"messages":[{"content":"q","role":"system"}]}"""
    })
    void given_a_good_body_then_the_request_and_the_upstream_body_are_the_tree_decoders(String body) {
        OpenAiRequests.Decoded streamed = OpenAiRequestParser.decode(bytes(body), JSON);
        OpenAiRequests.Decoded tree = OpenAiRequests.decode(JSON.readTree(body));

        assertThat(streamed.model()).isEqualTo(tree.model());
        assertThat(streamed.stream()).isEqualTo(tree.stream());
        assertThat(streamed.includeUsage()).isEqualTo(tree.includeUsage());
        assertThat(streamed.unknown()).isEqualTo(tree.unknown());
        ChatRequest fromStream = streamed.request().options(streamed.unknown()).build();
        ChatRequest fromTree = tree.request().options(tree.unknown()).build();
        assertThat(fromStream).isEqualTo(fromTree);
        assertThat(new String(ENCODER.encode(fromStream, "up", false), StandardCharsets.UTF_8))
                .isEqualTo(new String(ENCODER.encode(fromTree, "up", false), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "[1]",
            "\"text\"",
            "{\"model\":\"m\"",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]} {}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"q\"}],\"temperature\":\"hot\"}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"q\"}],\"temperature\":0.1,",
            "{\"model\":\"m\",\"temperature\":\"hot\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}",
            "{\"model\":\"m\"}",
            "{\"model\":\"m\",\"messages\":[]}",
            "{\"model\":\"m\",\"messages\":{}}",
            "{\"model\":\"m\",\"messages\":[1,{\"role\":\"user\"}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":7,\"content\":[]}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":3}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":\"a\",\"tool_calls\":\"x\"}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"a\",\"tool_call_id\":5}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"a\"}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"messages\":[]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\"}],\"messages\":[{\"role\":\"user\",\"content\":\"q\"}],\"n\":2}",
            "{\"model\":5,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}"
    })
    void given_a_bad_body_then_the_refusal_is_the_tree_decoders(String body) {
        Throwable streamed = catchThrowable(() -> OpenAiRequestParser.decode(bytes(body), JSON));
        Throwable tree = catchThrowable(() -> OpenAiRequests.decode(WireErrors.tree(bytes(body), JSON)));

        assertThat(tree).as("the tree decoder refuses it").isInstanceOf(InvalidField.class);
        assertThat(streamed).isInstanceOf(InvalidField.class).hasMessage(tree.getMessage());
        assertThat(((InvalidField) streamed).param()).isEqualTo(((InvalidField) tree).param());
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
