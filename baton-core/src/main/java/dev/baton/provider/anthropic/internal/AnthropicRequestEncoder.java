package dev.baton.provider.anthropic.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.ToolSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Encodes a {@link ChatRequest} as a Messages API request body. {@code max_tokens} is always
 * sent (the API requires it); {@code seed} has no Anthropic equivalent and is not sent. Request
 * options are copied to the body last, so an option overrides what the encoder wrote.
 */
public final class AnthropicRequestEncoder {

    private final ObjectMapper json;
    private final ConversationEncoder conversation;
    private final boolean promptCaching;

    /** {@code promptCaching} marks the system prompt and the tool list as cache breakpoints. */
    public AnthropicRequestEncoder(ObjectMapper json, ThinkingMemory memory, boolean promptCaching) {
        this.json = json;
        this.conversation = new ConversationEncoder(json, memory);
        this.promptCaching = promptCaching;
    }

    public byte[] encode(ChatRequest request, String model, int maxTokens, StructuredOutput structured, boolean stream) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        body.put("max_tokens", maxTokens);
        List<String> extraSystem = structured != null && !structured.forced() ? List.of(structured.instruction()) : List.of();
        conversation.encode(request.messages(), body, extraSystem, promptCaching);
        if (request.temperature() != null) body.put("temperature", request.temperature());
        if (request.topP() != null) body.put("top_p", request.topP());
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            request.stop().forEach(stop::add);
        }
        tools(body, request, structured);
        if (stream) body.put("stream", true);
        for (Map.Entry<String, Object> option : request.options().entrySet()) {
            body.set(option.getKey(), json.valueToTree(option.getValue()));
        }
        return json.writeValueAsBytes(body);
    }

    private void tools(ObjectNode body, ChatRequest request, StructuredOutput structured) {
        if (request.tools().isEmpty() && structured == null) return;
        ArrayNode tools = body.putArray("tools");
        for (ToolSpec t : request.tools()) {
            ObjectNode tool = tools.addObject().put("name", t.name());
            if (!t.description().isEmpty()) tool.put("description", t.description());
            tool.set("input_schema", json.readTree(t.parametersSchemaJson()));
        }
        if (structured != null) tools.add(structured.tool(json));
        if (promptCaching) ((ObjectNode) tools.get(tools.size() - 1)).putObject("cache_control").put("type", "ephemeral");
        if (structured != null && structured.forced()) {
            body.putObject("tool_choice").put("type", "tool").put("name", structured.toolName());
        } else if (request.toolChoice() != null) {
            body.set("tool_choice", toolChoice(request.toolChoice()));
        }
    }

    /** Baton's tool choice ({@code auto}, {@code none}, {@code required}/{@code any} or a tool name). */
    private JsonNode toolChoice(String choice) {
        ObjectNode node = json.createObjectNode();
        return switch (choice) {
            case "auto", "none", "any" -> node.put("type", choice);
            case "required" -> node.put("type", "any");
            default -> node.put("type", "tool").put("name", choice);
        };
    }
}
