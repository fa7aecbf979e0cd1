package dev.baton.pipeline;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;

/**
 * Estimates the input tokens of a request before it is sent, for routing by context window,
 * context-window fallback and budget reservation. Implementations must be cheap and thread-safe.
 */
@FunctionalInterface
public interface TokenEstimator {

    /**
     * Four characters per token plus a small per-message overhead: a deliberately simple,
     * tokenizer-free estimate (English text is 3.5–4.5 characters per token).
     */
    TokenEstimator CHARS_PER_TOKEN = TokenEstimator::charsPerToken;

    long estimateInputTokens(ChatRequest request);

    private static long charsPerToken(ChatRequest request) {
        long chars = 0;
        long messages = 0;
        for (Message m : request.messages()) {
            messages++;
            chars += m.text().length();
            for (ToolCall call : m.toolCalls()) chars += call.name().length() + call.argumentsJson().length();
        }
        for (ToolSpec tool : request.tools()) {
            chars += tool.name().length() + tool.description().length() + tool.parametersSchemaJson().length();
        }
        return (chars + 3) / 4 + 4 * messages;
    }
}
