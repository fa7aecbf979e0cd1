package dev.baton.context.internal;

import dev.baton.llm.Message;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One message as stored JSON: {@code role}, {@code text}, and where present {@code tool_calls}
 * ({@code id}, {@code name}, {@code arguments}), {@code tool_call_id}, {@code tool_name},
 * {@code is_error}. Also the shape of a message in {@code baton chat -o json} and {@code /save}.
 */
public final class MessageJson {

    private final ObjectMapper json;

    public MessageJson(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode toNode(Message m) {
        ObjectNode n = json.createObjectNode().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("text", m.text());
        if (!m.toolCalls().isEmpty()) {
            ArrayNode calls = n.putArray("tool_calls");
            for (ToolCall c : m.toolCalls()) calls.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.argumentsJson());
        }
        if (m.toolCallId() != null) n.put("tool_call_id", m.toolCallId());
        if (m.toolName() != null) n.put("tool_name", m.toolName());
        if (m.isError()) n.put("is_error", true);
        return n;
    }

    public String write(Message m) {
        return json.writeValueAsString(toNode(m));
    }

    /**
     * The message {@code text} holds.
     *
     * @throws IllegalArgumentException when it is not a stored message
     */
    public Message read(String text) {
        JsonNode n = json.readTree(text);
        Role role = Role.valueOf(n.path("role").asString("").toUpperCase(Locale.ROOT));
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode c : n.path("tool_calls")) {
            calls.add(new ToolCall(c.path("id").asString(""), c.path("name").asString(""), c.path("arguments").asString("{}")));
        }
        return new Message(role, n.path("text").asString(""), calls, text(n, "tool_call_id"), text(n, "tool_name"),
                n.path("is_error").asBoolean(false));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
