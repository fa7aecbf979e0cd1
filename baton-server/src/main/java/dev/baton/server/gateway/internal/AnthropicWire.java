package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.FinishReason;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.concurrent.ThreadLocalRandom;

/** The pieces of Anthropic's Messages responses, written with a streaming generator. */
final class AnthropicWire {

    private AnthropicWire() {
    }

    static String id(ChatResponse r) {
        if (r.responseId() != null && r.responseId().startsWith("msg_")) return r.responseId();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "msg_" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    static String stopReason(FinishReason reason) {
        return switch (reason) {
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
            default -> "end_turn";
        };
    }

    /** The complete (non-streamed) message. */
    static void message(JsonGenerator g, ObjectMapper json, ChatResponse r, String model) {
        g.writeStartObject();
        g.writeStringProperty("id", id(r));
        g.writeStringProperty("type", "message");
        g.writeStringProperty("role", "assistant");
        g.writeStringProperty("model", model);
        g.writeName("content");
        g.writeStartArray();
        if (!r.text().isEmpty() || !r.hasToolCalls()) {
            g.writeStartObject();
            g.writeStringProperty("type", "text");
            g.writeStringProperty("text", r.text());
            g.writeEndObject();
        }
        for (ToolCall c : r.toolCalls()) toolUse(g, json, c, true);
        g.writeEndArray();
        g.writeStringProperty("stop_reason", stopReason(r.finishReason()));
        g.writeNullProperty("stop_sequence");
        g.writeName("usage");
        usage(g, r.usage());
        g.writeEndObject();
    }

    /** A {@code tool_use} block; {@code withInput} false writes the empty input a streamed block starts with. */
    static void toolUse(JsonGenerator g, ObjectMapper json, ToolCall c, boolean withInput) {
        g.writeStartObject();
        g.writeStringProperty("type", "tool_use");
        g.writeStringProperty("id", c.id() == null ? "toolu_" + Integer.toHexString(c.hashCode()) : c.id());
        g.writeStringProperty("name", c.name());
        g.writeName("input");
        JsonNode input = withInput ? input(json, c) : null;
        if (input != null) g.writeTree(input);
        else {
            g.writeStartObject();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static JsonNode input(ObjectMapper json, ToolCall c) {
        try {
            JsonNode node = json.readTree(c.argumentsJson());
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null; // a model's malformed arguments become an empty input rather than a broken document
        }
    }

    /** Anthropic's usage: input tokens exclude the cached ones, which are counted apart. */
    static void usage(JsonGenerator g, Usage u) {
        g.writeStartObject();
        g.writeNumberProperty("input_tokens", Math.max(0, u.inputTokens() - u.cachedInputTokens() - u.cacheWriteTokens()));
        g.writeNumberProperty("output_tokens", u.outputTokens());
        g.writeNumberProperty("cache_read_input_tokens", u.cachedInputTokens());
        g.writeNumberProperty("cache_creation_input_tokens", u.cacheWriteTokens());
        g.writeEndObject();
    }

    /** Anthropic's error document {@code {"type":"error","error":{"type","message"}}}. */
    static void error(JsonGenerator g, BatonException e) {
        g.writeStartObject();
        g.writeStringProperty("type", "error");
        g.writeName("error");
        g.writeStartObject();
        g.writeStringProperty("type", type(e.code().httpStatus()));
        g.writeStringProperty("message", e.getMessage());
        g.writeEndObject();
        g.writeEndObject();
    }

    static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
