package dev.baton.server.gateway.internal;

import dev.baton.llm.Message;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OpenAI Chat Completions request body with a streaming parser: the messages' roles and
 * text contents go straight into Baton's {@link Message}s without a tree (the body's tree was the
 * largest Baton-side cost of a gateway call), every other top-level field is read as a small tree
 * and decoded by {@link OpenAiRequests} exactly as before, unknown fields passed through as they were.
 *
 * <p>Anything this reader does not meet in the usual shape (a body that is not one JSON object, bad
 * JSON, trailing content) is decoded by the tree decoder instead, so every refusal says what it said
 * before; a bad message is reported only once the whole body has parsed, for the same reason.
 */
final class OpenAiRequestParser {

    private OpenAiRequestParser() {
    }

    static OpenAiRequests.Decoded decode(byte[] body, ObjectMapper json) {
        OpenAiRequests.Decoded decoded;
        try (JsonParser p = json.createParser(body)) {
            decoded = object(p, json);
        } catch (JacksonException e) {
            decoded = null;
        }
        return decoded != null ? decoded : OpenAiRequests.decode(WireErrors.tree(body, json));
    }

    /** The decoded body, or {@code null} when it is not one well-formed JSON object. */
    private static OpenAiRequests.@Nullable Decoded object(JsonParser p, ObjectMapper json) {
        if (p.nextToken() != JsonToken.START_OBJECT) return null;
        ObjectNode rest = json.createObjectNode();
        List<Message> messages = null;
        RuntimeException badMessages = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("messages")) {
                try {
                    messages = null;
                    badMessages = null;
                    messages = messages(p, value);
                } catch (InvalidField e) {
                    badMessages = e;
                }
            } else {
                rest.set(name, node(p, json));
            }
        }
        if (p.nextToken() != null) return null; // trailing content: the tree decoder says what is wrong
        if (badMessages != null) throw badMessages;
        if (messages == null) throw OpenAiRequests.noMessages();
        return OpenAiRequests.decode(rest, messages);
    }

    /**
     * The value the parser is on as a tree node. Strings, booleans, null and integers are made
     * directly (the nodes a tree read makes of them): {@code readValueAsTree} sets up a
     * deserialization context per call, which cost more than the whole body's tree.
     */
    private static JsonNode node(JsonParser p, ObjectMapper json) {
        JsonNodeFactory nodes = json.getNodeFactory();
        return switch (p.currentToken()) {
            case VALUE_STRING -> nodes.stringNode(p.getString());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> nodes.numberNode(p.getIntValue());
                case LONG -> nodes.numberNode(p.getLongValue());
                default -> p.readValueAsTree();
            };
            default -> p.readValueAsTree();
        };
    }

    /** Moves past the end of the array the parser is inside of. */
    private static void skipRestOf(JsonParser p) {
        int depth = 1;
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == null) return;
            if (t.isStructStart()) depth++;
            else if (t.isStructEnd()) depth--;
        }
    }

    /** The messages array; the parser is left on the end of {@code messages}' value, whether it was good or not. */
    private static List<Message> messages(JsonParser p, JsonToken value) {
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            throw OpenAiRequests.noMessages();
        }
        List<Message> out = new ArrayList<>();
        Map<String, String> toolNames = new HashMap<>();
        try {
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                String where = "messages[" + i + "]";
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    throw OpenAiRequests.notAnObject(where);
                }
                out.add(OpenAiRequests.message(where, message(p), toolNames));
            }
        } catch (InvalidField e) {
            skipRestOf(p); // the parser is between two elements: past the array's end, then report
            throw e;
        }
        if (out.isEmpty()) throw OpenAiRequests.noMessages();
        return out;
    }

    /** One message object's fields Baton reads; the parser is left on its end. */
    private static OpenAiRequests.RawMessage message(JsonParser p) {
        Object role = null;
        Object content = null;
        Object toolCalls = null;
        Object toolCallId = null;
        Object name = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "role" -> role = value(p);
                case "content" -> content = value(p);
                case "tool_calls" -> toolCalls = p.readValueAsTree();
                case "tool_call_id" -> toolCallId = value(p);
                case "name" -> name = value(p);
                default -> p.skipChildren();
            }
        }
        return new OpenAiRequests.RawMessage(role, content, toolCalls, toolCallId, name);
    }

    /** A string as itself, any other value as a tree. */
    private static Object value(JsonParser p) {
        if (p.currentToken() == JsonToken.VALUE_STRING) return p.getString();
        JsonNode node = p.readValueAsTree();
        return node;
    }
}
