package dev.baton.provider.openai.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** Encodes a {@link ChatRequest} as an OpenAI chat-completions request body. */
public final class OpenAiRequestEncoder {

    private final ObjectMapper json;
    private final String maxTokensField;

    public OpenAiRequestEncoder(ObjectMapper json, String maxTokensField) {
        this.json = json;
        this.maxTokensField = maxTokensField;
    }

    public byte[] encode(ChatRequest request, String model, boolean stream) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (Message m : request.messages()) messages.add(message(m));
        if (request.temperature() != null) body.put("temperature", request.temperature());
        if (request.topP() != null) body.put("top_p", request.topP());
        if (request.maxTokens() != null) body.put(maxTokensField, request.maxTokens());
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stop().forEach(stop::add);
        }
        if (request.seed() != null) body.put("seed", request.seed());
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec t : request.tools()) tools.add(tool(t));
            if (request.toolChoice() != null) body.set("tool_choice", toolChoice(request.toolChoice()));
        }
        responseFormat(body, request.responseFormat());
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        for (Map.Entry<String, Object> option : request.options().entrySet()) {
            body.set(option.getKey(), json.valueToTree(option.getValue()));
        }
        return json.writeValueAsBytes(body);
    }

    private ObjectNode message(Message m) {
        ObjectNode node = json.createObjectNode();
        switch (m.role()) {
            case SYSTEM -> node.put("role", "system").put("content", m.text());
            case USER -> node.put("role", "user").put("content", m.text());
            case ASSISTANT -> {
                node.put("role", "assistant");
                if (m.text().isEmpty() && m.hasToolCalls()) node.putNull("content");
                else node.put("content", m.text());
                if (m.hasToolCalls()) {
                    ArrayNode calls = node.putArray("tool_calls");
                    for (ToolCall c : m.toolCalls()) {
                        ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
                        call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
                    }
                }
            }
            case TOOL -> node.put("role", "tool").put("tool_call_id", m.toolCallId())
                    .put("content", m.isError() ? "ERROR: " + m.text() : m.text());
        }
        return node;
    }

    private ObjectNode tool(ToolSpec t) {
        ObjectNode node = json.createObjectNode().put("type", "function");
        ObjectNode fn = node.putObject("function").put("name", t.name());
        if (!t.description().isEmpty()) fn.put("description", t.description());
        fn.set("parameters", json.readTree(t.parametersSchemaJson()));
        return node;
    }

    private JsonNode toolChoice(String choice) {
        return switch (choice) {
            case "auto", "none", "required" -> json.getNodeFactory().stringNode(choice);
            default -> {
                ObjectNode node = json.createObjectNode().put("type", "function");
                node.putObject("function").put("name", choice);
                yield node;
            }
        };
    }

    private void responseFormat(ObjectNode body, ResponseFormat format) {
        switch (format.kind()) {
            case TEXT -> { }
            case JSON -> body.putObject("response_format").put("type", "json_object");
            case JSON_SCHEMA -> {
                ObjectNode rf = body.putObject("response_format").put("type", "json_schema");
                ObjectNode schema = rf.putObject("json_schema").put("name", format.name());
                schema.set("schema", json.readTree(format.schemaJson()));
            }
        }
    }
}
