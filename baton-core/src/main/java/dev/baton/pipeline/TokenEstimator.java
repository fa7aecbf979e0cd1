package dev.baton.pipeline;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import dev.baton.pipeline.internal.InputTokenBound;
import dev.baton.pipeline.internal.OpenAiTokenCounts;

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

    /**
     * An upper bound, not an estimate: the UTF-8 bytes of everything sent (messages, tool calls,
     * tool definitions, the response schema) plus {@value #MESSAGE_OVERHEAD} tokens per message and
     * tool call, {@value #TOOL_OVERHEAD} per tool definition and {@value #REQUEST_OVERHEAD} per
     * request for the chat template's own tokens. It holds for every byte-level BPE tokenizer (GPT,
     * Claude, Llama 3, Qwen...) and for SentencePiece with byte fallback, because each token there
     * stands for at least one byte of the text. Budgets reserve with it: dense text (single letters,
     * CJK, emoji) can take a token per one or two characters, which a characters-per-token estimate
     * undercounts several times over. {@link OpenAiTokenCounts} is the tighter, exact bound for
     * OpenAI's own API.
     */
    TokenEstimator UTF8_UPPER_BOUND = TokenEstimator::utf8UpperBound;

    /** Template tokens allowed per message and per tool call (role markers, separators, ids). */
    int MESSAGE_OVERHEAD = 8;
    /** Template tokens allowed per tool definition (the wrapper around name, description, schema). */
    int TOOL_OVERHEAD = 16;
    /** Template tokens allowed per request (reply priming, the response-format wrapper). */
    int REQUEST_OVERHEAD = 16;

    long estimateInputTokens(ChatRequest request);

    private static long utf8UpperBound(ChatRequest request) {
        return InputTokenBound.of(request, m -> InputTokenBound.utf8Bytes(m.text()));
    }

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
