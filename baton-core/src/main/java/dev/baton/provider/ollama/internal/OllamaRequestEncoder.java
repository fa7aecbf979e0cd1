package dev.baton.provider.ollama.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Encodes a {@link ChatRequest} as an Ollama {@code /api/chat} body. Sampling parameters go into
 * {@code options} ({@code temperature}, {@code top_p}, {@code num_predict}, {@code stop},
 * {@code seed}), as does every request option except {@link #TOP_LEVEL_OPTIONS}, which are fields
 * of the body itself. Tool-call arguments are sent as JSON objects, as Ollama expects; tool
 * results are {@code tool} messages carrying {@code tool_name}. Ollama has no tool choice:
 * {@code none} sends no tools, a tool name sends only that tool, {@code required} cannot be
 * enforced and sends all of them.
 */
public final class OllamaRequestEncoder {

    /** Request options that are top-level fields of the body rather than model options. */
    public static final Set<String> TOP_LEVEL_OPTIONS = Set.of("keep_alive", "think", "format", "truncate");

    private final ObjectMapper json;
    private final Map<String, Object> defaults;

    /** @param defaults top-level fields sent unless the request overrides them (e.g. {@code keep_alive}) */
    public OllamaRequestEncoder(ObjectMapper json, Map<String, Object> defaults) {
        this.json = json;
        this.defaults = Map.copyOf(defaults);
    }

    public byte[] encode(ChatRequest request, String model, boolean stream) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        Map<String, String> callNames = new HashMap<>();
        for (Message m : request.messages()) {
            for (ToolCall c : m.toolCalls()) if (c.id() != null) callNames.put(c.id(), c.name());
            messages.add(message(m, callNames));
        }
        body.put("stream", stream);
        tools(body, request);
        switch (request.responseFormat().kind()) {
            case TEXT -> { }
            case JSON -> body.put("format", "json");
            case JSON_SCHEMA -> body.set("format", json.readTree(request.responseFormat().schemaJson()));
        }
        defaults.forEach((k, v) -> body.set(k, json.valueToTree(v)));
        ObjectNode options = options(request);
        for (Map.Entry<String, Object> option : request.options().entrySet()) {
            JsonNode value = json.valueToTree(option.getValue());
            if (TOP_LEVEL_OPTIONS.contains(option.getKey())) body.set(option.getKey(), value);
            else options.set(option.getKey(), value);
        }
        if (!options.isEmpty()) body.set("options", options);
        return json.writeValueAsBytes(body);
    }

    private ObjectNode options(ChatRequest request) {
        ObjectNode options = json.createObjectNode();
        if (request.temperature() != null) options.put("temperature", request.temperature());
        if (request.topP() != null) options.put("top_p", request.topP());
        if (request.maxTokens() != null) options.put("num_predict", request.maxTokens());
        if (!request.stop().isEmpty()) {
            ArrayNode stop = options.putArray("stop");
            request.stop().forEach(stop::add);
        }
        if (request.seed() != null) options.put("seed", request.seed());
        return options;
    }

    private void tools(ObjectNode body, ChatRequest request) {
        String choice = request.toolChoice();
        if (request.tools().isEmpty() || "none".equals(choice)) return;
        boolean named = choice != null && request.tools().stream().anyMatch(t -> t.name().equals(choice));
        ArrayNode tools = body.putArray("tools");
        for (ToolSpec t : request.tools()) {
            if (named && !t.name().equals(choice)) continue;
            ObjectNode fn = tools.addObject().put("type", "function").putObject("function").put("name", t.name());
            if (!t.description().isEmpty()) fn.put("description", t.description());
            fn.set("parameters", json.readTree(t.parametersSchemaJson()));
        }
    }

    private ObjectNode message(Message m, Map<String, String> callNames) {
        ObjectNode node = json.createObjectNode();
        switch (m.role()) {
            case SYSTEM -> node.put("role", "system").put("content", m.text());
            case USER -> node.put("role", "user").put("content", m.text());
            case ASSISTANT -> {
                node.put("role", "assistant").put("content", m.text());
                if (m.hasToolCalls()) {
                    ArrayNode calls = node.putArray("tool_calls");
                    for (ToolCall c : m.toolCalls()) {
                        calls.addObject().putObject("function").put("name", c.name()).set("arguments", arguments(c));
                    }
                }
            }
            case TOOL -> {
                node.put("role", "tool").put("content", m.isError() ? "ERROR: " + m.text() : m.text());
                String name = m.toolName() != null ? m.toolName() : callNames.get(m.toolCallId());
                if (name != null) node.put("tool_name", name);
            }
        }
        return node;
    }

    private JsonNode arguments(ToolCall call) {
        try {
            JsonNode args = json.readTree(call.argumentsJson());
            if (args != null && args.isObject()) return args;
        } catch (RuntimeException ignored) {
            // reported below
        }
        throw new BatonException(ErrorCode.INVALID_REQUEST,
                "the arguments of tool call " + call.id() + " (" + call.name() + ") are not a JSON object");
    }
}
