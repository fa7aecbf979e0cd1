package dev.baton.pipeline.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;

import java.util.function.ToLongFunction;

import static dev.baton.pipeline.TokenEstimator.MESSAGE_OVERHEAD;
import static dev.baton.pipeline.TokenEstimator.REQUEST_OVERHEAD;
import static dev.baton.pipeline.TokenEstimator.TOOL_OVERHEAD;
import dev.baton.pipeline.TokenEstimator;

/**
 * The upper bound on a request's input tokens shared by {@link TokenEstimator#UTF8_UPPER_BOUND}
 * and {@link OpenAiTokenCounts}: they differ only in how a message's text is bounded. Everything
 * else (tool-call ids, names and arguments, tool definitions, the response schema) is bounded by
 * its UTF-8 bytes, because no provider publishes how it renders those into the prompt.
 */
public final class InputTokenBound {

    private InputTokenBound() {
    }

    /** The bound of {@code request}, with {@code text} bounding each message's text as sent. */
    public static long of(ChatRequest request, ToLongFunction<Message> text) {
        long tokens = REQUEST_OVERHEAD;
        for (Message m : request.messages()) {
            tokens += MESSAGE_OVERHEAD + text.applyAsLong(m) + utf8Bytes(m.toolCallId()) + utf8Bytes(m.toolName());
            for (ToolCall call : m.toolCalls()) {
                tokens += MESSAGE_OVERHEAD + utf8Bytes(call.id()) + utf8Bytes(call.name()) + utf8Bytes(call.argumentsJson());
            }
        }
        for (ToolSpec tool : request.tools()) {
            tokens += TOOL_OVERHEAD + utf8Bytes(tool.name()) + utf8Bytes(tool.description())
                    + utf8Bytes(tool.parametersSchemaJson());
        }
        if (request.responseFormat() != null) {
            tokens += utf8Bytes(request.responseFormat().name()) + utf8Bytes(request.responseFormat().schemaJson());
        }
        return tokens;
    }

    /** The UTF-8 length of {@code s} without encoding it (a surrogate pair is 4 bytes: 2 per char). */
    public static long utf8Bytes(String s) {
        if (s == null) return 0;
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
