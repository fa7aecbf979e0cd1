package dev.baton.server.gateway.internal;

import dev.baton.llm.ChatRequest;
import dev.baton.llm.Message;
import dev.baton.llm.ResponseFormat;
import dev.baton.llm.Role;
import dev.baton.llm.ToolCall;
import dev.baton.llm.ToolSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes an OpenAI Chat Completions request body into a {@link ChatRequest}. Fields Baton does
 * not model are kept apart ({@link Decoded#unknown()}) so they can be passed through to
 * OpenAI-compatible upstreams. A field of the wrong shape is an {@link InvalidField} naming it.
 */
final class OpenAiRequests {

    /** The fields this decoder maps onto {@link ChatRequest}; every other field is passed through. */
    private static final Set<String> KNOWN = Set.of("model", "messages", "temperature", "top_p", "max_tokens",
            "max_completion_tokens", "stop", "seed", "tools", "tool_choice", "response_format", "stream",
            "stream_options", "n");

    /** A decoded request: the model asked for, the call (not yet labelled), streaming, and the other fields. */
    record Decoded(String model, ChatRequest.Builder request, boolean stream, boolean includeUsage,
                   Map<String, Object> unknown) {
    }

    private OpenAiRequests() {
    }

    static Decoded decode(JsonNode body) {
        if (!body.isObject()) throw new InvalidField("body", "must be a JSON object");
        return decode(body, messages(body.get("messages")));
    }

    /**
     * Decodes every field of {@code body} but {@code messages}, which the caller decoded first (so a
     * bad message is reported before any other field, whichever decoder read it).
     */
    static Decoded decode(JsonNode body, List<Message> messages) {
        ChatRequest.Builder b = ChatRequest.builder();
        b.messages(messages);
        b.temperature(Fields.number(body, "temperature"));
        b.topP(Fields.number(body, "top_p"));
        Integer maxTokens = Fields.integer(body, "max_completion_tokens");
        b.maxTokens(maxTokens != null ? maxTokens : Fields.integer(body, "max_tokens"));
        b.stop(stop(body.get("stop")));
        b.seed(Fields.longInteger(body, "seed"));
        b.tools(tools(body.get("tools")));
        b.toolChoice(toolChoice(body.get("tool_choice")));
        b.responseFormat(responseFormat(body.get("response_format")));
        Integer n = Fields.integer(body, "n");
        if (n != null && n != 1) throw new InvalidField("n", "only one choice per request is supported, not " + n);
        boolean stream = Fields.bool(body, "stream");
        JsonNode options = body.get("stream_options");
        boolean includeUsage = options != null && options.isObject() && Fields.bool(options, "include_usage");
        Map<String, Object> unknown = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!KNOWN.contains(field.getKey())) unknown.put(field.getKey(), field.getValue());
        }
        return new Decoded(Fields.text(body, "model"), b, stream, includeUsage, unknown);
    }

    private static List<Message> messages(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) throw noMessages();
        List<Message> out = new ArrayList<>(node.size());
        Map<String, String> toolNames = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject()) throw notAnObject(where);
            out.add(message(where, new RawMessage(m.get("role"), m.get("content"), m.get("tool_calls"),
                    m.get("tool_call_id"), m.get("name")), toolNames));
        }
        return out;
    }

    static InvalidField noMessages() {
        return new InvalidField("messages", "must be a non-empty array of messages");
    }

    static InvalidField notAnObject(String where) {
        return new InvalidField(where, "must be an object");
    }

    /**
     * The fields of one message Baton reads, each absent ({@code null}), a {@code String} (a JSON
     * string read by a streaming parser) or a {@link JsonNode} (any value read as a tree).
     */
    record RawMessage(@Nullable Object role, @Nullable Object content, @Nullable Object toolCalls,
                      @Nullable Object toolCallId, @Nullable Object name) {
    }

    /** One message; {@code toolNames} maps the tool calls seen so far to their names, so a tool result carries its tool's name. */
    static Message message(String where, RawMessage m, Map<String, String> toolNames) {
        String role = text(m.role(), "role");
        String text = content(m.content(), where + ".content");
        return switch (role == null ? "" : role) {
            case "system", "developer" -> Message.system(text);
            case "user" -> Message.user(text);
            case "assistant" -> {
                List<ToolCall> calls = toolCalls((JsonNode) m.toolCalls(), where + ".tool_calls");
                calls.forEach(c -> toolNames.put(c.id(), c.name()));
                yield new Message(Role.ASSISTANT, text, calls, null, null, false);
            }
            case "tool" -> {
                String id = text(m.toolCallId(), "tool_call_id");
                if (id == null) throw new InvalidField(where + ".tool_call_id", "a tool message needs the id of the call it answers");
                yield Message.toolResult(id, toolNames.getOrDefault(id, text(m.name(), "name")), text, false);
            }
            default -> throw new InvalidField(where + ".role", "must be system, developer, user, assistant or tool, not '" + role + "'");
        };
    }

    /** {@link Fields#text} of a value that may already be a string. */
    private static @Nullable String text(@Nullable Object v, String field) {
        if (v instanceof String s) return s;
        if (v == null || ((JsonNode) v).isNull()) return null;
        if (!((JsonNode) v).isString()) throw new InvalidField(field, "must be a string");
        return ((JsonNode) v).asString();
    }

    /** A string, null, or an array of parts of which only text parts are supported. */
    private static String content(@Nullable Object value, String where) {
        if (value instanceof String s) return s;
        JsonNode node = (JsonNode) value;
        if (node == null || node.isNull()) return "";
        if (node.isString()) return node.asString();
        if (!node.isArray()) throw new InvalidField(where, "must be a string or an array of content parts");
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < node.size(); j++) {
            JsonNode part = node.get(j);
            String type = Fields.text(part, "type");
            if (!"text".equals(type)) {
                throw new InvalidField(where + "[" + j + "]", "only text parts are supported, not '" + type + "'");
            }
            text.append(Fields.text(part, "text") == null ? "" : Fields.text(part, "text"));
        }
        return text.toString();
    }

    private static List<ToolCall> toolCalls(JsonNode node, String where) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw new InvalidField(where, "must be an array");
        List<ToolCall> calls = new ArrayList<>(node.size());
        for (int j = 0; j < node.size(); j++) {
            JsonNode fn = node.get(j).get("function");
            if (fn == null || Fields.text(fn, "name") == null) throw new InvalidField(where + "[" + j + "].function.name", "is required");
            calls.add(new ToolCall(Fields.text(node.get(j), "id"), Fields.text(fn, "name"), Fields.text(fn, "arguments")));
        }
        return calls;
    }

    private static List<String> stop(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (node.isString()) return List.of(node.asString());
        if (!node.isArray()) throw new InvalidField("stop", "must be a string or an array of strings");
        List<String> stop = new ArrayList<>();
        node.forEach(s -> stop.add(s.asString()));
        return stop;
    }

    private static List<ToolSpec> tools(JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw new InvalidField("tools", "must be an array");
        List<ToolSpec> tools = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            if (!"function".equals(Fields.text(t, "type"))) {
                throw new InvalidField("tools[" + i + "].type", "only function tools are supported");
            }
            JsonNode fn = t.get("function");
            if (fn == null || Fields.text(fn, "name") == null) throw new InvalidField("tools[" + i + "].function.name", "is required");
            JsonNode params = fn.get("parameters");
            tools.add(new ToolSpec(Fields.text(fn, "name"), Fields.text(fn, "description"),
                    params == null || params.isNull() ? null : params.toString()));
        }
        return tools;
    }

    private static String toolChoice(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (node.isString()) return node.asString();
        JsonNode fn = node.get("function");
        if (fn != null && Fields.text(fn, "name") != null) return Fields.text(fn, "name");
        throw new InvalidField("tool_choice", "must be auto, none, required or {\"type\":\"function\",\"function\":{\"name\":...}}");
    }

    private static ResponseFormat responseFormat(JsonNode node) {
        if (node == null || node.isNull()) return ResponseFormat.TEXT;
        String type = Fields.text(node, "type");
        return switch (type == null ? "" : type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> ResponseFormat.JSON;
            case "json_schema" -> {
                JsonNode spec = node.get("json_schema");
                JsonNode schema = spec == null ? null : spec.get("schema");
                if (schema == null || !schema.isObject()) {
                    throw new InvalidField("response_format.json_schema.schema", "must be a JSON Schema object");
                }
                yield ResponseFormat.jsonSchema(Fields.text(spec, "name"), schema.toString());
            }
            default -> throw new InvalidField("response_format.type", "must be text, json_object or json_schema, not '" + type + "'");
        };
    }
}
