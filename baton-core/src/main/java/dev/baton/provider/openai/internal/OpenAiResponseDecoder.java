package dev.baton.provider.openai.internal;

import dev.baton.llm.FinishReason;

/** OpenAI's finish reasons as Baton's ({@link OpenAiAnswerParser} and {@link OpenAiChunkParser} read the rest). */
public final class OpenAiResponseDecoder {

    private OpenAiResponseDecoder() {
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
