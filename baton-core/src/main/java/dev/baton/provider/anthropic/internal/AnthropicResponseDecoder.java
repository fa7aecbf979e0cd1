package dev.baton.provider.anthropic.internal;

import dev.baton.llm.ChatResponse;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ToolCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a whole Messages API answer. Text blocks make the text, thinking blocks the reasoning
 * (never the text), {@code tool_use} blocks the tool calls. When the request asked for
 * structured output and the model called the synthetic tool, the text is that tool's input and
 * any text the model wrote around it goes to the reasoning; the synthetic call is not a tool call.
 */
public final class AnthropicResponseDecoder {

    private final ObjectMapper json;
    private final ThinkingMemory memory;

    public AnthropicResponseDecoder(ObjectMapper json, ThinkingMemory memory) {
        this.json = json;
        this.memory = memory;
    }

    /** True when {@code root} looks like a message object. */
    public static boolean isMessage(JsonNode root) {
        return root != null && root.isObject() && root.path("content").isArray();
    }

    public ChatResponse response(JsonNode root, String provider, String fallbackModel, Duration latency,
                                 StructuredOutput structured) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        List<JsonNode> thinkingBlocks = new ArrayList<>();
        String answer = null;
        for (JsonNode block : root.path("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> text.append(block.path("text").asString(""));
                case "thinking" -> {
                    reasoning.append(block.path("thinking").asString(""));
                    thinkingBlocks.add(block);
                }
                case "redacted_thinking" -> thinkingBlocks.add(block);
                case "tool_use" -> {
                    String name = block.path("name").asString("");
                    if (structured != null && name.equals(structured.toolName())) {
                        answer = structured.answer(block.path("input"), json);
                    } else {
                        calls.add(new ToolCall(block.path("id").asString(null), name,
                                json.writeValueAsString(block.path("input"))));
                    }
                }
                default -> { }
            }
        }
        if (answer != null) {
            if (!text.isEmpty()) reasoning.append(reasoning.isEmpty() ? "" : "\n").append(text);
            text.setLength(0);
            text.append(answer);
        }
        memory.remember(calls.stream().map(ToolCall::id).toList(), thinkingBlocks);
        UsageTally usage = new UsageTally();
        usage.absorb(root.path("usage"));
        FinishReason reason = finishReason(root.path("stop_reason").asString(null), answer != null && calls.isEmpty());
        return new ChatResponse(text.toString(), calls, reason, usage.usage(), provider,
                root.path("model").asString(fallbackModel), null, root.path("id").asString(null),
                reasoning.isEmpty() ? null : reasoning.toString(), latency, null, List.of());
    }

    /**
     * Maps {@code stop_reason}. {@code answeredStructured} turns {@code tool_use} into STOP when
     * the only tool called was the structured-output tool.
     */
    public static FinishReason finishReason(String stopReason, boolean answeredStructured) {
        if (stopReason == null) return FinishReason.STOP;
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> answeredStructured ? FinishReason.STOP : FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }
}
