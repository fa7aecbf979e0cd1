package dev.baton.context.internal;

import dev.baton.llm.Message;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.anthropic.AnthropicChatModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact counts from Anthropic's {@code POST /v1/messages/count_tokens}: the messages in the
 * Messages API's shape (system apart, tool calls as {@code tool_use} blocks, results as
 * {@code tool_result} blocks); the answer's {@code input_tokens} is the count.
 */
public final class AnthropicTokenCounter extends EndpointTokenCounter {

    static final String VERSION = "2023-06-01";

    public AnthropicTokenCounter(ProviderSettings provider, String model, ObjectMapper json, HttpClient http, long minTokens) {
        super(provider, model, json, http, minTokens);
    }

    @Override
    URI endpoint() {
        String base = (provider.baseUrl() == null ? AnthropicChatModel.DEFAULT_BASE_URL : provider.baseUrl()).toString();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + "/v1/messages/count_tokens");
    }

    @Override
    Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        if (provider.apiKey() != null) h.put("x-api-key", provider.apiKey().reveal());
        h.put("anthropic-version", provider.option("anthropic_version", VERSION));
        return h;
    }

    @Override
    String body(List<Message> messages) {
        ObjectNode root = json.createObjectNode().put("model", model);
        StringBuilder system = new StringBuilder();
        ArrayNode out = root.putArray("messages");
        for (Message m : messages) {
            switch (m.role()) {
                case SYSTEM -> system.append(system.isEmpty() ? "" : "\n\n").append(m.text());
                case TOOL -> {
                    ObjectNode block = json.createObjectNode().put("type", "tool_result")
                            .put("tool_use_id", m.toolCallId()).put("content", m.text());
                    if (m.isError()) block.put("is_error", true);
                    out.addObject().put("role", "user").putArray("content").add(block);
                }
                default -> {
                    ObjectNode msg = out.addObject().put("role", m.role() == Role.ASSISTANT ? "assistant" : "user");
                    ArrayNode content = msg.putArray("content");
                    if (!m.text().isEmpty()) content.addObject().put("type", "text").put("text", m.text());
                    for (ToolCall c : m.toolCalls()) {
                        ObjectNode use = content.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name());
                        use.set("input", arguments(c));
                    }
                    if (content.isEmpty()) content.addObject().put("type", "text").put("text", " ");
                }
            }
        }
        if (!system.isEmpty()) root.put("system", system.toString());
        return json.writeValueAsString(root);
    }

    private JsonNode arguments(ToolCall c) {
        try {
            JsonNode n = json.readTree(c.argumentsJson() == null || c.argumentsJson().isBlank() ? "{}" : c.argumentsJson());
            return n.isObject() ? n : json.createObjectNode();
        } catch (RuntimeException e) {
            return json.createObjectNode();
        }
    }

    @Override
    long tokensIn(JsonNode answer) {
        JsonNode n = answer.get("input_tokens");
        return n != null && n.isNumber() ? n.asLong() : -1;
    }

    @Override
    String method() {
        return "anthropic-count-tokens";
    }
}
