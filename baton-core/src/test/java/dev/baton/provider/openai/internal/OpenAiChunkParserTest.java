package dev.baton.provider.openai.internal;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One streamed chunk read with the streaming parser: text, reasoning, tool-call fragments, usage, errors. */
class OpenAiChunkParserTest {

    private final OpenAiChunkParser parser = new OpenAiChunkParser(new ObjectMapper());

    @Test
    void given_a_text_delta_with_fields_baton_does_not_read_then_text_id_and_finish_reason_are_read() {
        ToolCallAssembler calls = new ToolCallAssembler();
        OpenAiChunkParser.Chunk c = parser.parse("""
                {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"logprobs":null,
                "delta":{"role":"assistant","content":"Hel","reasoning_content":"hm","refusal":null},"finish_reason":"stop"},
                {"index":1,"delta":{"content":"ignored"}}],"usage":{"prompt_tokens":4,"completion_tokens":2,
                "completion_tokens_details":{"reasoning_tokens":1}}}""", calls);

        assertThat(c.id).isEqualTo("c1");
        assertThat(c.text).isEqualTo("Hel");
        assertThat(c.reasoning).isEqualTo("hm");
        assertThat(c.finishReason).isEqualTo("stop");
        assertThat(c.usage.inputTokens()).isEqualTo(4);
        assertThat(c.usage.outputTokens()).isEqualTo(2);
        assertThat(c.error).isNull();
        assertThat(calls.isEmpty()).isTrue();
    }

    @Test
    void given_tool_call_fragments_over_several_chunks_then_the_assembler_joins_them_by_index() {
        ToolCallAssembler calls = new ToolCallAssembler();
        parser.parse("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"function\":{\"name\":\"get_\",\"arguments\":\"{\\\"ci\"}}]}}]}", calls);
        parser.parse("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"weather\",\"arguments\":\"ty\\\":1}\"}},"
                + "{\"index\":1,\"id\":\"call_2\",\"function\":{\"name\":\"other\"}}]}}]}", calls);

        assertThat(calls.drain()).extracting(t -> t.id() + ":" + t.name() + ":" + t.argumentsJson())
                .containsExactly("call_1:get_weather:{\"city\":1}", "call_2:other:{}");
    }

    @Test
    void given_an_error_object_or_no_choices_or_bad_json_then_each_is_told_apart() {
        ToolCallAssembler calls = new ToolCallAssembler();
        assertThat(parser.parse("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}", calls).error).isEqualTo("overloaded");
        assertThat(parser.parse("{\"error\":{\"code\":500}}", calls).error).isEqualTo("");
        OpenAiChunkParser.Chunk usageOnly = parser.parse("{\"id\":\"c9\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}", calls);
        assertThat(usageOnly.text).isNull();
        assertThat(usageOnly.usage).isNotNull();
        assertThatThrownBy(() -> parser.parse("[1]", calls)).isInstanceOf(OpenAiChunkParser.NotAnObject.class);
        assertThatThrownBy(() -> parser.parse("{\"choices\":[", calls)).isInstanceOf(JacksonException.class);
    }
}
