package dev.baton.context.internal;

import dev.baton.llm.Message;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.gemini.GeminiChatModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Exact counts from Gemini's {@code POST /v1beta/models/MODEL:countTokens}, sent as a
 * {@code generateContentRequest} so the system instruction counts too (tool calls as
 * {@code functionCall} parts, results as {@code functionResponse} parts); the answer's
 * {@code totalTokens} is the count. The key goes in the {@code x-goog-api-key} header.
 */
public final class GeminiTokenCounter extends EndpointTokenCounter {

    private static final Pattern VERSION_SEGMENT = Pattern.compile("v\\d+(alpha|beta)?\\d*");

    public GeminiTokenCounter(ProviderSettings provider, String model, ObjectMapper json, HttpClient http, long minTokens) {
        super(provider, model, json, http, minTokens);
    }

    @Override
    URI endpoint() {
        String base = (provider.baseUrl() == null ? GeminiChatModel.DEFAULT_BASE_URL : provider.baseUrl()).toString();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        String last = base.substring(base.lastIndexOf('/') + 1);
        String root = VERSION_SEGMENT.matcher(last).matches() ? base : base + "/v1beta";
        return URI.create(root + "/" + resource() + ":countTokens");
    }

    private String resource() {
        return model.contains("/") ? model : "models/" + model;
    }

    @Override
    Map<String, String> headers() {
        return provider.apiKey() == null ? Map.of() : Map.of("x-goog-api-key", provider.apiKey().reveal());
    }

    @Override
    String body(List<Message> messages) {
        ObjectNode root = json.createObjectNode();
        ObjectNode request = root.putObject("generateContentRequest").put("model", resource());
        ArrayNode contents = request.putArray("contents");
        StringBuilder system = new StringBuilder();
        for (Message m : messages) {
            if (m.role() == Role.SYSTEM) {
                system.append(system.isEmpty() ? "" : "\n\n").append(m.text());
                continue;
            }
            ObjectNode content = contents.addObject().put("role", m.role() == Role.ASSISTANT ? "model" : "user");
            ArrayNode parts = content.putArray("parts");
            if (m.role() == Role.TOOL) {
                ObjectNode response = parts.addObject().putObject("functionResponse")
                        .put("name", m.toolName() == null ? "tool" : m.toolName());
                response.putObject("response").put("content", m.text());
                continue;
            }
            if (!m.text().isEmpty()) parts.addObject().put("text", m.text());
            for (ToolCall c : m.toolCalls()) {
                ObjectNode call = parts.addObject().putObject("functionCall").put("name", c.name());
                call.set("args", arguments(c));
            }
            if (parts.isEmpty()) parts.addObject().put("text", " ");
        }
        if (!system.isEmpty()) request.putObject("systemInstruction").putArray("parts").addObject().put("text", system.toString());
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
        JsonNode n = answer.get("totalTokens");
        return n != null && n.isNumber() ? n.asLong() : -1;
    }

    @Override
    String method() {
        return "gemini-count-tokens";
    }
}
