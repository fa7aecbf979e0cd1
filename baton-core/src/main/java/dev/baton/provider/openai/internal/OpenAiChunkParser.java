package dev.baton.provider.openai.internal;

import dev.baton.llm.Usage;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads one streamed chat-completions chunk ({@code data:} of one event) with a streaming parser:
 * the id, the usage, the first choice's delta (text, reasoning, tool-call fragments, which go
 * straight to a {@link ToolCallAssembler}) and finish reason, or the error an upstream sends
 * mid-stream. Reads the same values the tree-based reading did; the rest is skipped.
 */
public final class OpenAiChunkParser {

    /** What one chunk said; fields are null when it did not say them. */
    public static final class Chunk {
        /** The chunk was an error object: its {@code message} ("" when it had none). */
        public @Nullable String error;
        public @Nullable String id;
        public @Nullable Usage usage;
        public @Nullable String text;
        public @Nullable String reasoning;
        public @Nullable String finishReason;
    }

    /** The chunk was not a JSON object. */
    public static final class NotAnObject extends RuntimeException {
        NotAnObject() {
            super("not an object", null, false, false);
        }
    }

    private final ObjectMapper json;

    public OpenAiChunkParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @throws NotAnObject when {@code data} is JSON but not an object
     * @throws tools.jackson.core.JacksonException when it is not JSON
     */
    public Chunk parse(String data, ToolCallAssembler toolCalls) {
        Chunk c = new Chunk();
        try (JsonParser p = json.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new NotAnObject();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "error" -> {
                        if (value == JsonToken.START_OBJECT) c.error = errorMessage(p);
                        else p.skipChildren();
                    }
                    case "id" -> c.id = OpenAiAnswerParser.text(p, null);
                    case "usage" -> c.usage = OpenAiAnswerParser.usage(p);
                    case "choices" -> {
                        if (value == JsonToken.START_ARRAY) choices(p, c, toolCalls);
                        else p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return c;
    }

    private static String errorMessage(JsonParser p) {
        String message = "";
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("message")) {
                String m = OpenAiAnswerParser.text(p, null);
                if (m != null) message = m;
            } else p.skipChildren();
        }
        return message;
    }

    private static void choices(JsonParser p, Chunk c, ToolCallAssembler toolCalls) {
        boolean first = true;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (!first || t != JsonToken.START_OBJECT) {
                first = false;
                p.skipChildren();
                continue;
            }
            first = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("finish_reason")) c.finishReason = OpenAiAnswerParser.text(p, null);
                else if (name.equals("delta") && value == JsonToken.START_OBJECT) delta(p, c, toolCalls);
                else p.skipChildren();
            }
        }
    }

    private static void delta(JsonParser p, Chunk c, ToolCallAssembler toolCalls) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            switch (name) {
                case "content" -> c.text = OpenAiAnswerParser.text(p, null);
                case "reasoning_content" -> c.reasoning = OpenAiAnswerParser.text(p, null);
                case "tool_calls" -> {
                    if (value == JsonToken.START_ARRAY) toolCallDeltas(p, toolCalls);
                    else p.skipChildren();
                }
                default -> p.skipChildren();
            }
        }
    }

    private static void toolCallDeltas(JsonParser p, ToolCallAssembler toolCalls) {
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            Integer index = null;
            String id = null;
            String fnName = null;
            String arguments = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("index")) {
                    if (value == JsonToken.VALUE_NUMBER_INT) index = p.getIntValue();
                    else p.skipChildren();
                } else if (name.equals("id")) id = OpenAiAnswerParser.text(p, null);
                else if (name.equals("function") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        if (field.equals("name")) fnName = OpenAiAnswerParser.text(p, null);
                        else if (field.equals("arguments")) arguments = OpenAiAnswerParser.text(p, null);
                        else p.skipChildren();
                    }
                } else p.skipChildren();
            }
            toolCalls.accept(index, id, fnName, arguments);
        }
    }
}
