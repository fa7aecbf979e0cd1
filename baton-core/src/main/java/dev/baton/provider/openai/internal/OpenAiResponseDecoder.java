package dev.baton.provider.openai.internal;

import dev.baton.llm.ChatResponse;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Decodes OpenAI chat-completions answers (whole and streamed) into Baton's value types. */
public final class OpenAiResponseDecoder {

    private OpenAiResponseDecoder() {
    }

    public static ChatResponse response(JsonNode root, String provider, String fallbackModel, Duration latency) {
        JsonNode choice = root.path("choices").path(0);
        JsonNode message = choice.path("message");
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode fn = call.path("function");
            calls.add(new ToolCall(call.path("id").asString(null), fn.path("name").asString(""),
                    fn.path("arguments").asString("{}")));
        }
        String reasoning = message.path("reasoning_content").asString(null);
        if (reasoning == null) reasoning = message.path("reasoning").asString(null);
        String model = root.path("model").asString(fallbackModel);
        return new ChatResponse(message.path("content").asString(""), calls,
                finishReason(choice.path("finish_reason").asString(null)), usage(root.path("usage")),
                provider, model, null, root.path("id").asString(null), reasoning, latency, null, List.of());
    }

    public static Usage usage(JsonNode usage) {
        if (usage == null || usage.isMissingNode() || usage.isNull()) return null;
        return new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0),
                usage.path("prompt_tokens_details").path("cached_tokens").asLong(0), 0,
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0), null, false);
    }

    public static FinishReason finishReason(String reason) {
        if (reason == null) return FinishReason.STOP;
        return switch (reason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }
}
