package dev.baton.provider.openai.internal;

import dev.baton.llm.ChatResponse;
import dev.baton.llm.ToolCall;
import dev.baton.llm.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole OpenAI chat-completions answer straight from its bytes with a streaming parser into
 * Baton's {@link ChatResponse}: only the fields Baton uses are kept (the first choice's message,
 * tool calls and finish reason, the id, the model, the usage), everything else is skipped without
 * building a tree (the tree of every answer was the largest allocation of a gateway call).
 */
public final class OpenAiAnswerParser {

    /** The body was not an object with a {@code choices} array. */
    public static final class NoChoices extends RuntimeException {
        NoChoices() {
            super("no choices", null, false, false);
        }
    }

    private final ObjectMapper json;

    public OpenAiAnswerParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @throws NoChoices when the body is not an object with a {@code choices} array
     * @throws tools.jackson.core.JacksonException when it is not JSON
     */
    public ChatResponse parse(byte[] body, String provider, String fallbackModel, Duration latency) {
        Answer a = new Answer();
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new NoChoices();
            boolean choices = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> a.id = text(p, null);
                    case "model" -> a.model = text(p, null);
                    case "usage" -> a.usage = usage(p);
                    case "choices" -> {
                        if (value != JsonToken.START_ARRAY) throw new NoChoices();
                        choices = true;
                        choices(p, a);
                    }
                    default -> p.skipChildren();
                }
            }
            if (!choices) throw new NoChoices();
        }
        return new ChatResponse(a.content == null ? "" : a.content, a.calls,
                OpenAiResponseDecoder.finishReason(a.finish), a.usage, provider, a.model == null ? fallbackModel : a.model,
                null, a.id, a.reasoning != null ? a.reasoning : a.reasoningAlt, latency, null, List.of());
    }

    private static final class Answer {
        @Nullable String id;
        @Nullable String model;
        @Nullable Usage usage;
        @Nullable String content;
        @Nullable String finish;
        @Nullable String reasoning;
        @Nullable String reasoningAlt;
        final List<ToolCall> calls = new ArrayList<>();
    }

    /** The first choice; the others are skipped. */
    private static void choices(JsonParser p, Answer a) {
        boolean first = true;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (!first || t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            first = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("finish_reason")) a.finish = text(p, null);
                else if (name.equals("message") && value == JsonToken.START_OBJECT) message(p, a);
                else p.skipChildren();
            }
        }
    }

    private static void message(JsonParser p, Answer a) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "content" -> a.content = text(p, null);
                case "reasoning_content" -> a.reasoning = text(p, null);
                case "reasoning" -> a.reasoningAlt = text(p, null);
                case "tool_calls" -> {
                    if (value == JsonToken.START_ARRAY) toolCalls(p, a.calls);
                    else p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
    }

    private static void toolCalls(JsonParser p, List<ToolCall> calls) {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            String id = null;
            String fnName = "";
            String arguments = "{}";
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("id")) id = text(p, null);
                else if (name.equals("function") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        if (field.equals("name")) fnName = orElse(text(p, null), "");
                        else if (field.equals("arguments")) arguments = orElse(text(p, null), "{}");
                        else p.skipChildren();
                    }
                } else p.skipChildren();
            }
            calls.add(new ToolCall(id, fnName, arguments));
        }
    }

    /** The usage object the parser is at (null when it is not an object, which is skipped). */
    static @Nullable Usage usage(JsonParser p) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        long prompt = 0;
        long completion = 0;
        long cached = 0;
        long reasoning = 0;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "prompt_tokens" -> prompt = number(p);
                case "completion_tokens" -> completion = number(p);
                case "prompt_tokens_details" -> cached = detail(p, value, "cached_tokens");
                case "completion_tokens_details" -> reasoning = detail(p, value, "reasoning_tokens");
                default -> p.skipChildren();
            }
        }
        return new Usage(prompt, completion, cached, 0, reasoning, null, false);
    }

    private static long detail(JsonParser p, JsonToken value, String field) {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return 0;
        }
        long found = 0;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals(field)) found = number(p);
            else p.skipChildren();
        }
        return found;
    }

    /** A scalar as text (as {@code JsonNode.asString(default)} reads it); {@code orElse} for null and for containers, which are skipped. */
    static @Nullable String text(JsonParser p, @Nullable String orElse) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) return p.getString();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return orElse;
        }
        if (t == JsonToken.VALUE_NULL) return orElse;
        return p.getString();
    }

    private static long number(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) return p.getLongValue();
        if (t == JsonToken.VALUE_NUMBER_FLOAT) return (long) p.getDoubleValue();
        if (t == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(p.getString().strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        p.skipChildren();
        return 0;
    }

    private static String orElse(@Nullable String s, String other) {
        return s == null ? other : s;
    }
}
