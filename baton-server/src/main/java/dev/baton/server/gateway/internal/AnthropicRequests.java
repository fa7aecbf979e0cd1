package dev.baton.server.gateway.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes an Anthropic Messages request body into a {@link ChatRequest}: the system prompt,
 * messages of text, {@code tool_use} and {@code tool_result} blocks, tools and tool choice, and
 * the sampling parameters. Fields Baton does not model are kept apart for Anthropic upstreams.
 */
final class AnthropicRequests {

    private static final Set<String> KNOWN = Set.of("model", "max_tokens", "system", "messages", "tools",
            "tool_choice", "stop_sequences", "temperature", "top_p", "stream", "metadata");

    /** A decoded request: the model asked for, the call (not yet labelled), streaming, and the other fields. */
    record Decoded(String model, ChatRequest.Builder request, boolean stream, Map<String, Object> unknown) {
    }

    private AnthropicRequests() {
    }

    static Decoded decode(JsonNode body) {
        if (!body.isObject()) throw new InvalidField("body", "must be a JSON object");
        ChatRequest.Builder b = ChatRequest.builder();
        List<Message> messages = new ArrayList<>();
        String system = system(body.get("system"));
        if (!system.isEmpty()) messages.add(Message.system(system));
        messages.addAll(messages(body.get("messages")));
        b.messages(messages);
        b.maxTokens(Fields.integer(body, "max_tokens"));
        b.temperature(Fields.number(body, "temperature"));
        b.topP(Fields.number(body, "top_p"));
        JsonNode stop = body.get("stop_sequences");
        if (stop != null && !stop.isNull()) {
            if (!stop.isArray()) throw new InvalidField("stop_sequences", "must be an array of strings");
            List<String> list = new ArrayList<>();
            stop.forEach(s -> list.add(s.asString()));
            b.stop(list);
        }
        b.tools(tools(body.get("tools")));
        b.toolChoice(toolChoice(body.get("tool_choice")));
        Map<String, Object> unknown = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!KNOWN.contains(field.getKey())) unknown.put(field.getKey(), field.getValue());
        }
        return new Decoded(Fields.text(body, "model"), b, Fields.bool(body, "stream"), unknown);
    }

    private static String system(JsonNode node) {
        if (node == null || node.isNull()) return "";
        if (node.isString()) return node.asString();
        if (!node.isArray()) throw new InvalidField("system", "must be a string or an array of text blocks");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < node.size(); i++) {
            if (!"text".equals(Fields.text(node.get(i), "type"))) throw new InvalidField("system[" + i + "]", "must be a text block");
            if (!text.isEmpty()) text.append("\n\n");
            text.append(Fields.text(node.get(i), "text"));
        }
        return text.toString();
    }

    private static List<Message> messages(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidField("messages", "must be a non-empty array of messages");
        }
        List<Message> out = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String where = "messages[" + i + "]";
            String role = Fields.text(m, "role");
            JsonNode content = m.get("content");
            if ("user".equals(role)) user(content, where, toolNames, out);
            else if ("assistant".equals(role)) out.add(assistant(content, where, toolNames));
            else throw new InvalidField(where + ".role", "must be user or assistant, not '" + role + "'");
        }
        return out;
    }

    /** A user turn: its tool results first (Anthropic puts them there), then its text, if any. */
    private static void user(JsonNode content, String where, Map<String, String> toolNames, List<Message> out) {
        if (content != null && content.isString()) {
            out.add(Message.user(content.asString()));
            return;
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < blocks(content, where).size(); j++) {
            JsonNode block = content.get(j);
            String type = Fields.text(block, "type");
            if ("text".equals(type)) text.append(Fields.text(block, "text"));
            else if ("tool_result".equals(type)) {
                String id = Fields.text(block, "tool_use_id");
                if (id == null) throw new InvalidField(where + ".content[" + j + "].tool_use_id", "is required");
                boolean error = block.has("is_error") && block.get("is_error").asBoolean();
                out.add(Message.toolResult(id, toolNames.get(id), resultText(block.get("content"), where + ".content[" + j + "]"), error));
            } else {
                throw new InvalidField(where + ".content[" + j + "]", "only text, tool_use and tool_result blocks are supported, not '" + type + "'");
            }
        }
        if (!text.isEmpty()) out.add(Message.user(text.toString()));
    }

    private static Message assistant(JsonNode content, String where, Map<String, String> toolNames) {
        if (content != null && content.isString()) return Message.assistant(content.asString());
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (int j = 0; j < blocks(content, where).size(); j++) {
            JsonNode block = content.get(j);
            String type = Fields.text(block, "type");
            switch (type == null ? "" : type) {
                case "text" -> text.append(Fields.text(block, "text"));
                case "tool_use" -> {
                    JsonNode input = block.get("input");
                    ToolCall call = new ToolCall(Fields.text(block, "id"), Fields.text(block, "name"),
                            input == null || input.isNull() ? null : input.toString());
                    toolNames.put(call.id(), call.name());
                    calls.add(call);
                }
                case "thinking", "redacted_thinking" -> { } // the model's own reasoning: not sent back upstream
                default -> throw new InvalidField(where + ".content[" + j + "]", "only text and tool_use blocks are supported, not '" + type + "'");
            }
        }
        return new Message(Role.ASSISTANT, text.toString(), calls, null, null, false);
    }

    private static JsonNode blocks(JsonNode content, String where) {
        if (content == null || !content.isArray()) throw new InvalidField(where + ".content", "must be a string or an array of content blocks");
        return content;
    }

    private static String resultText(JsonNode node, String where) {
        if (node == null || node.isNull()) return "";
        if (node.isString()) return node.asString();
        if (!node.isArray()) throw new InvalidField(where + ".content", "must be a string or an array of text blocks");
        StringBuilder text = new StringBuilder();
        for (JsonNode b : node) {
            if (!"text".equals(Fields.text(b, "type"))) throw new InvalidField(where + ".content", "only text blocks are supported in a tool result");
            text.append(Fields.text(b, "text"));
        }
        return text.toString();
    }

    private static List<ToolSpec> tools(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw new InvalidField("tools", "must be an array");
        List<ToolSpec> tools = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            String type = Fields.text(t, "type");
            if (type != null && !type.equals("custom")) throw new InvalidField("tools[" + i + "].type", "only custom tools are supported, not '" + type + "'");
            String name = Fields.text(t, "name");
            if (name == null) throw new InvalidField("tools[" + i + "].name", "is required");
            JsonNode schema = t.get("input_schema");
            tools.add(new ToolSpec(name, Fields.text(t, "description"), schema == null || schema.isNull() ? null : schema.toString()));
        }
        return tools;
    }

    private static String toolChoice(JsonNode node) {
        if (node == null || node.isNull()) return null;
        String type = Fields.text(node, "type");
        return switch (type == null ? "" : type) {
            case "auto" -> "auto";
            case "any" -> "required";
            case "none" -> "none";
            case "tool" -> {
                String name = Fields.text(node, "name");
                if (name == null) throw new InvalidField("tool_choice.name", "is required with type tool");
                yield name;
            }
            default -> throw new InvalidField("tool_choice.type", "must be auto, any, tool or none");
        };
    }
}
