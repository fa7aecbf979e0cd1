package dev.baton.provider.openai.internal;

import dev.baton.llm.ChatResponse;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming parser of a whole answer reads what the tree decoder reads, and skips the rest. */
class OpenAiAnswerParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LATENCY = Duration.ofMillis(12);

    private static ChatResponse streamed(String body) {
        return new OpenAiAnswerParser(JSON).parse(body.getBytes(StandardCharsets.UTF_8), "p", "fallback-model", LATENCY);
    }

    /** What the adapter read from a whole answer's tree before it had the streaming parser. */
    private static ChatResponse fromTree(String body) {
        JsonNode root = JSON.readTree(body);
        JsonNode choice = root.path("choices").path(0);
        JsonNode message = choice.path("message");
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode fn = call.path("function");
            calls.add(new ToolCall(call.path("id").asString(null), fn.path("name").asString(""), fn.path("arguments").asString("{}")));
        }
        String reasoning = message.path("reasoning_content").asString(null);
        if (reasoning == null) reasoning = message.path("reasoning").asString(null);
        JsonNode u = root.path("usage");
        Usage usage = u.isMissingNode() || u.isNull() ? null : new Usage(u.path("prompt_tokens").asLong(0),
                u.path("completion_tokens").asLong(0), u.path("prompt_tokens_details").path("cached_tokens").asLong(0), 0,
                u.path("completion_tokens_details").path("reasoning_tokens").asLong(0), null, false);
        return new ChatResponse(message.path("content").asString(""), calls,
                OpenAiResponseDecoder.finishReason(choice.path("finish_reason").asString(null)), usage,
                "p", root.path("model").asString("fallback-model"), null, root.path("id").asString(null), reasoning, LATENCY, null, List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a plain answer with usage and fields Baton does not read, before and after what it reads
            """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"system_fingerprint":"fp","model":"m-1",
             "choices":[{"index":0,"logprobs":{"content":[{"token":"x","top":[1,2]}]},
               "message":{"role":"assistant","content":"Hello.","refusal":null,"annotations":[]},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5,
               "prompt_tokens_details":{"cached_tokens":1,"audio_tokens":0},
               "completion_tokens_details":{"reasoning_tokens":4,"accepted_prediction_tokens":0}},"service_tier":"default"}""",
            // tool calls, null content, no model, usage first
            """
            {"usage":{"prompt_tokens":10,"completion_tokens":7},"id":"c2","choices":[{"index":0,"finish_reason":"tool_calls",
             "message":{"role":"assistant","content":null,"tool_calls":[
               {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
               {"id":"call_2","type":"function","function":{"name":"lookup"}}]}}]}""",
            // reasoning under either name, two choices (the first counts), unknown finish reason, a null usage
            """
            {"id":"c3","model":"r-1","choices":[{"message":{"content":"A","reasoning_content":"because"},"finish_reason":"length"},
             {"message":{"content":"B"},"finish_reason":"stop"}],"usage":null}""",
            """
            {"id":"c4","choices":[{"message":{"content":"A","reasoning":"thought"},"finish_reason":"weird"}]}""",
            // numbers where text was expected and text where numbers were, an empty choices array
            """
            {"id":7,"choices":[],"usage":{"prompt_tokens":"12","completion_tokens":1.0}}"""
    })
    void given_an_answer_then_the_streaming_parser_reads_what_the_tree_decoder_reads(String body) {
        assertThat(streamed(body)).isEqualTo(fromTree(body));
    }

    @Test
    void given_tool_calls_then_each_keeps_its_id_name_and_arguments_in_order() {
        ChatResponse r = streamed("""
                {"choices":[{"message":{"tool_calls":[{"id":"a","function":{"name":"f","arguments":"{}"}},
                {"id":"b","function":{"name":"g","arguments":"{\\"x\\":1}"}}]},"finish_reason":"tool_calls"}]}""");

        assertThat(r.toolCalls()).extracting(c -> c.id() + ":" + c.name() + ":" + c.argumentsJson())
                .containsExactly("a:f:{}", "b:g:{\"x\":1}");
        assertThat(r.model()).isEqualTo("fallback-model");
    }

    @Test
    void given_a_body_without_choices_or_not_an_object_then_it_is_refused() {
        assertThatThrownBy(() -> streamed("{\"id\":\"x\"}")).isInstanceOf(OpenAiAnswerParser.NoChoices.class);
        assertThatThrownBy(() -> streamed("[1,2]")).isInstanceOf(OpenAiAnswerParser.NoChoices.class);
        assertThatThrownBy(() -> streamed("{\"choices\":{}}")).isInstanceOf(OpenAiAnswerParser.NoChoices.class);
        assertThatThrownBy(() -> streamed("{\"choices\":[{\"message\":")).isInstanceOf(JacksonException.class);
    }
}
