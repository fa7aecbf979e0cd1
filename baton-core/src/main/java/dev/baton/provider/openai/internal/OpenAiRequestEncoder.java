package dev.baton.provider.openai.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/**
 * Encodes a {@link ChatRequest} as an OpenAI chat-completions request body. The body is written
 * field by field with a streaming generator (no tree in between: this runs once per gateway call);
 * a request option replaces the field of the same name.
 */
public final class OpenAiRequestEncoder {

    private final ObjectMapper json;
    private final String maxTokensField;

    public OpenAiRequestEncoder(ObjectMapper json, String maxTokensField) {
        this.json = json;
        this.maxTokensField = maxTokensField;
    }

    public byte[] encode(ChatRequest request, String model, boolean stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        Map<String, Object> options = request.options();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            if (!options.containsKey("model")) g.writeStringProperty("model", model);
            if (!options.containsKey("messages")) {
                g.writeName("messages");
                g.writeStartArray();
                for (Message m : request.messages()) message(g, m);
                g.writeEndArray();
            }
            if (request.temperature() != null && !options.containsKey("temperature")) {
                g.writeNumberProperty("temperature", request.temperature());
            }
            if (request.topP() != null && !options.containsKey("top_p")) g.writeNumberProperty("top_p", request.topP());
            if (request.maxTokens() != null && !options.containsKey(maxTokensField)) {
                g.writeNumberProperty(maxTokensField, request.maxTokens());
            }
            if (!request.stop().isEmpty() && !options.containsKey("stop")) {
                g.writeName("stop");
                g.writeStartArray();
                for (String s : request.stop()) g.writeString(s);
                g.writeEndArray();
            }
            if (request.seed() != null && !options.containsKey("seed")) g.writeNumberProperty("seed", request.seed());
            if (!request.tools().isEmpty()) tools(g, request, options);
            if (!options.containsKey("response_format")) responseFormat(g, request.responseFormat());
            if (stream) {
                if (!options.containsKey("stream")) g.writeBooleanProperty("stream", true);
                if (!options.containsKey("stream_options")) {
                    g.writeName("stream_options");
                    g.writeStartObject();
                    g.writeBooleanProperty("include_usage", true);
                    g.writeEndObject();
                }
            }
            for (Map.Entry<String, Object> option : options.entrySet()) {
                g.writeName(option.getKey());
                g.writePOJO(option.getValue());
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void message(JsonGenerator g, Message m) {
        g.writeStartObject();
        switch (m.role()) {
            case SYSTEM -> {
                g.writeStringProperty("role", "system");
                g.writeStringProperty("content", m.text());
            }
            case USER -> {
                g.writeStringProperty("role", "user");
                g.writeStringProperty("content", m.text());
            }
            case ASSISTANT -> {
                g.writeStringProperty("role", "assistant");
                if (m.text().isEmpty() && m.hasToolCalls()) g.writeNullProperty("content");
                else g.writeStringProperty("content", m.text());
                if (m.hasToolCalls()) {
                    g.writeName("tool_calls");
                    g.writeStartArray();
                    for (ToolCall c : m.toolCalls()) {
                        g.writeStartObject();
                        g.writeStringProperty("id", c.id());
                        g.writeStringProperty("type", "function");
                        g.writeName("function");
                        g.writeStartObject();
                        g.writeStringProperty("name", c.name());
                        g.writeStringProperty("arguments", c.argumentsJson());
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
            }
            case TOOL -> {
                g.writeStringProperty("role", "tool");
                g.writeStringProperty("tool_call_id", m.toolCallId());
                g.writeStringProperty("content", m.isError() ? "ERROR: " + m.text() : m.text());
            }
        }
        g.writeEndObject();
    }

    private void tools(JsonGenerator g, ChatRequest request, Map<String, Object> options) {
        if (!options.containsKey("tools")) {
            g.writeName("tools");
            g.writeStartArray();
            for (ToolSpec t : request.tools()) tool(g, t);
            g.writeEndArray();
        }
        if (request.toolChoice() != null && !options.containsKey("tool_choice")) {
            g.writeName("tool_choice");
            toolChoice(g, request.toolChoice());
        }
    }

    private void tool(JsonGenerator g, ToolSpec t) {
        g.writeStartObject();
        g.writeStringProperty("type", "function");
        g.writeName("function");
        g.writeStartObject();
        g.writeStringProperty("name", t.name());
        if (!t.description().isEmpty()) g.writeStringProperty("description", t.description());
        g.writeName("parameters");
        g.writeTree(json.readTree(t.parametersSchemaJson())); // parsed, so a malformed schema fails here, not upstream
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void toolChoice(JsonGenerator g, String choice) {
        switch (choice) {
            case "auto", "none", "required" -> g.writeString(choice);
            default -> {
                g.writeStartObject();
                g.writeStringProperty("type", "function");
                g.writeName("function");
                g.writeStartObject();
                g.writeStringProperty("name", choice);
                g.writeEndObject();
                g.writeEndObject();
            }
        }
    }

    private void responseFormat(JsonGenerator g, ResponseFormat format) {
        switch (format.kind()) {
            case TEXT -> { }
            case JSON -> {
                g.writeName("response_format");
                g.writeStartObject();
                g.writeStringProperty("type", "json_object");
                g.writeEndObject();
            }
            case JSON_SCHEMA -> {
                g.writeName("response_format");
                g.writeStartObject();
                g.writeStringProperty("type", "json_schema");
                g.writeName("json_schema");
                g.writeStartObject();
                g.writeStringProperty("name", format.name());
                g.writeName("schema");
                g.writeTree(json.readTree(format.schemaJson()));
                g.writeEndObject();
                g.writeEndObject();
            }
        }
    }
}
