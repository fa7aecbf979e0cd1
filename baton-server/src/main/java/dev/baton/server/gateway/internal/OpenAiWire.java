package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import tools.jackson.core.JsonGenerator;

import java.util.concurrent.ThreadLocalRandom;

/** The pieces of OpenAI's Chat Completions responses, written with a streaming generator. */
final class OpenAiWire {

    private OpenAiWire() {
    }

    /** A response id: the upstream's when it has one, else a fresh random one. */
    static String id(ChatResponse r) {
        if (r.responseId() != null && !r.responseId().isEmpty()) {
            return r.responseId().startsWith("chatcmpl-") ? r.responseId() : "chatcmpl-" + r.responseId();
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "chatcmpl-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    static String finishReason(FinishReason reason) {
        return switch (reason) {
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
            default -> "stop";
        };
    }

    /** The complete (non-streamed) answer. */
    static void completion(JsonGenerator g, ChatResponse r, String model) {
        g.writeStartObject();
        g.writeStringProperty("id", id(r));
        g.writeStringProperty("object", "chat.completion");
        g.writeNumberProperty("created", System.currentTimeMillis() / 1000);
        g.writeStringProperty("model", model);
        g.writeNullProperty("system_fingerprint");
        g.writeName("choices");
        g.writeStartArray();
        g.writeStartObject();
        g.writeNumberProperty("index", 0);
        g.writeName("message");
        g.writeStartObject();
        g.writeStringProperty("role", "assistant");
        if (r.text().isEmpty() && r.hasToolCalls()) g.writeNullProperty("content");
        else g.writeStringProperty("content", r.text());
        if (r.reasoning() != null) g.writeStringProperty("reasoning_content", r.reasoning());
        g.writeNullProperty("refusal");
        if (r.hasToolCalls()) {
            g.writeName("tool_calls");
            g.writeStartArray();
            for (ToolCall c : r.toolCalls()) toolCall(g, c, -1);
            g.writeEndArray();
        }
        g.writeEndObject();
        g.writeNullProperty("logprobs");
        g.writeStringProperty("finish_reason", finishReason(r.finishReason()));
        g.writeEndObject();
        g.writeEndArray();
        g.writeName("usage");
        usage(g, r.usage());
        g.writeEndObject();
    }

    /** A tool call; {@code index} ≥ 0 adds the index streamed deltas carry. */
    static void toolCall(JsonGenerator g, ToolCall c, int index) {
        g.writeStartObject();
        if (index >= 0) g.writeNumberProperty("index", index);
        g.writeStringProperty("id", c.id() == null ? "call_" + Integer.toHexString(c.hashCode()) : c.id());
        g.writeStringProperty("type", "function");
        g.writeName("function");
        g.writeStartObject();
        g.writeStringProperty("name", c.name());
        g.writeStringProperty("arguments", c.argumentsJson());
        g.writeEndObject();
        g.writeEndObject();
    }

    static void usage(JsonGenerator g, Usage u) {
        g.writeStartObject();
        g.writeNumberProperty("prompt_tokens", u.inputTokens());
        g.writeNumberProperty("completion_tokens", u.outputTokens());
        g.writeNumberProperty("total_tokens", u.totalTokens());
        g.writeName("prompt_tokens_details");
        g.writeStartObject();
        g.writeNumberProperty("cached_tokens", u.cachedInputTokens());
        g.writeEndObject();
        g.writeName("completion_tokens_details");
        g.writeStartObject();
        g.writeNumberProperty("reasoning_tokens", u.reasoningTokens());
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * OpenAI's error document {@code {"error":{"message","type","code","param"}}}: {@code type} is
     * OpenAI's category for the taxonomy's HTTP status, {@code code} the taxonomy's code in lower case.
     */
    static void error(JsonGenerator g, BatonException e) {
        g.writeStartObject();
        g.writeName("error");
        g.writeStartObject();
        g.writeStringProperty("message", e.getMessage());
        g.writeStringProperty("type", type(e.code().httpStatus()));
        g.writeStringProperty("code", e.code().name().toLowerCase(java.util.Locale.ROOT));
        if (e instanceof InvalidField f) g.writeStringProperty("param", f.param());
        else g.writeNullProperty("param");
        g.writeEndObject();
        g.writeEndObject();
    }

    static String type(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "insufficient_quota";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 409 -> "conflict_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
