package dev.baton.provider.bedrock;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What the adapter makes of Converse answers. */
class BedrockResponseTranslationTest extends BedrockLoopbackTest {

    private static ArrayNode text(String text) {
        ArrayNode content = BedrockDialect.JSON.createArrayNode();
        content.addObject().put("text", text);
        return content;
    }

    @Test
    void usage_counts_cache_reads_and_writes_inside_the_input_tokens() {
        server.enqueue(BedrockDialect.converse(text("cached"), "end_turn", BedrockDialect.usage(100, 20, 900, 50)));

        ChatResponse response = model().chat(ChatRequest.of("hi"));

        assertThat(response.usage().inputTokens()).isEqualTo(1050);
        assertThat(response.usage().cachedInputTokens()).isEqualTo(900);
        assertThat(response.usage().cacheWriteTokens()).isEqualTo(50);
        assertThat(response.usage().outputTokens()).isEqualTo(20);
        assertThat(response.usage().estimated()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"end_turn, STOP", "stop_sequence, STOP", "tool_use, TOOL_CALLS", "max_tokens, LENGTH",
            "model_context_window_exceeded, LENGTH", "guardrail_intervened, CONTENT_FILTER",
            "content_filtered, CONTENT_FILTER", "malformed_tool_use, ERROR", "something_new, OTHER"})
    void stop_reasons_map_onto_finish_reasons(String stopReason, FinishReason expected) {
        server.enqueue(BedrockDialect.converse(text("x"), stopReason, BedrockDialect.usage(1, 1, 0, 0)));

        assertThat(model().chat(ChatRequest.of("hi")).finishReason()).isEqualTo(expected);
    }

    @Test
    void parallel_tool_uses_keep_their_ids_and_arguments_and_text_stays_text() {
        server.enqueue(dialect.toolCalls(java.util.List.of(
                new ToolCall("tooluse_a", "get_weather", "{\"city\":\"Paris\",\"days\":[1,2],\"metric\":true}"),
                new ToolCall("tooluse_b", "get_weather", "{\"city\":\"Oslo\",\"ratio\":0.5}"))));

        ChatResponse response = model().chat(ChatRequest.of("weather in Paris and Oslo?"));

        assertThat(response.text()).isEqualTo("Let me look that up.");
        assertThat(response.toolCalls()).extracting(ToolCall::id).containsExactly("tooluse_a", "tooluse_b");
        assertThat(BedrockDialect.JSON.readTree(response.toolCalls().get(0).argumentsJson()))
                .isEqualTo(BedrockDialect.JSON.readTree("{\"city\":\"Paris\",\"days\":[1,2],\"metric\":true}"));
        assertThat(BedrockDialect.JSON.readTree(response.toolCalls().get(1).argumentsJson()).path("ratio").asDouble())
                .isEqualTo(0.5);
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void reasoning_content_is_kept_apart_from_the_text_and_the_request_id_is_the_response_id() {
        ArrayNode content = BedrockDialect.JSON.createArrayNode();
        ObjectNode reasoning = content.addObject().putObject("reasoningContent").putObject("reasoningText");
        reasoning.put("text", "The user greets me.").put("signature", "sig");
        content.addObject().put("text", "Hello!");
        server.enqueue(BedrockDialect.converse(content, "end_turn", BedrockDialect.usage(5, 9, 0, 0)));

        ChatResponse response = model().chat(ChatRequest.of("hi"));

        assertThat(response.text()).isEqualTo("Hello!");
        assertThat(response.reasoning()).isEqualTo("The user greets me.");
        assertThat(response.responseId()).isEqualTo("req-converse-1");
        assertThat(response.provider()).isEqualTo("bedrock");
        assertThat(response.model()).isEqualTo(BedrockChatModelContractTest.MODEL);
        assertThat(response.latency()).isPositive();
    }
}
