package dev.baton.provider.anthropic;

import dev.baton.llm.ToolCall;
import dev.baton.provider.WireDialect;
import dev.baton.testing.LoopbackServer.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages API wire format, as api.anthropic.com sends it: message objects, named SSE
 * events ({@code event:} line plus a {@code data:} object carrying the same {@code type}),
 * {@code ping} events, usage split into uncached input, cache reads and cache writes, and error
 * bodies {@code {"type":"error","error":{"type":...,"message":...}}} with the error type the API
 * uses for each status.
 */
public final class AnthropicDialect implements WireDialect {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String SSE = "text/event-stream";
    static final String MODEL = "claude-sonnet-4-5-20250929";

    /** One SSE frame: the event name is the node's {@code type}. */
    static String sse(ObjectNode node) {
        return "event: " + node.path("type").asString() + "\ndata: " + JSON.writeValueAsString(node) + "\n\n";
    }

    static ObjectNode node(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    static ObjectNode usage(long in, long out, long cacheRead, long cacheWrite) {
        return JSON.createObjectNode().put("input_tokens", in).put("cache_creation_input_tokens", cacheWrite)
                .put("cache_read_input_tokens", cacheRead).put("output_tokens", out);
    }

    static ObjectNode message(String id, String stopReason, ObjectNode usage) {
        ObjectNode m = node("message").put("id", id).put("role", "assistant").put("model", MODEL);
        m.putArray("content");
        if (stopReason == null) m.putNull("stop_reason");
        else m.put("stop_reason", stopReason);
        m.putNull("stop_sequence");
        m.set("usage", usage);
        return m;
    }

    static String messageStart(String id, ObjectNode usage) {
        ObjectNode start = node("message_start");
        start.set("message", message(id, null, usage));
        return sse(start);
    }

    static String blockStart(int index, ObjectNode block) {
        ObjectNode n = node("content_block_start").put("index", index);
        n.set("content_block", block);
        return sse(n);
    }

    static String delta(int index, ObjectNode delta) {
        ObjectNode n = node("content_block_delta").put("index", index);
        n.set("delta", delta);
        return sse(n);
    }

    static String textDelta(int index, String text) {
        return delta(index, node("text_delta").put("text", text));
    }

    static String blockStop(int index) {
        return sse(node("content_block_stop").put("index", index));
    }

    static String messageDelta(String stopReason, ObjectNode usage) {
        ObjectNode n = node("message_delta");
        n.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        n.set("usage", usage);
        return sse(n);
    }

    static String messageStop() {
        return sse(node("message_stop"));
    }

    static String ping() {
        return sse(node("ping"));
    }

    static ObjectNode textBlock(String text) {
        return node("text").put("text", text);
    }

    static ObjectNode toolUseBlock(String id, String name) {
        ObjectNode b = node("tool_use").put("id", id).put("name", name);
        b.putObject("input");
        return b;
    }

    /** A whole answer with the given content blocks. */
    static Reply whole(List<ObjectNode> content, String stopReason, ObjectNode usage) {
        ObjectNode m = message("msg_01", stopReason, usage);
        content.forEach(((tools.jackson.databind.node.ArrayNode) m.get("content"))::add);
        return Reply.json(200, JSON.writeValueAsString(m))
                .withHeader("request-id", "req_011");
    }

    @Override
    public Reply text(String text, long in, long out) {
        return whole(List.of(textBlock(text)), "end_turn", usage(in, out, 0, 0));
    }

    @Override
    public Reply streamedText(List<String> deltas, long in, long out) {
        List<String> frames = new ArrayList<>();
        frames.add(messageStart("msg_02", usage(in, 1, 0, 0)));
        frames.add(blockStart(0, textBlock("")));
        frames.add(ping());
        for (String d : deltas) frames.add(textDelta(0, d));
        frames.add(blockStop(0));
        frames.add(messageDelta("end_turn", JSON.createObjectNode().put("output_tokens", out)));
        frames.add(messageStop());
        return Reply.stream(SSE, frames);
    }

    @Override
    public Reply toolCalls(List<ToolCall> calls) {
        List<ObjectNode> content = new ArrayList<>();
        content.add(textBlock("I'll look both up."));
        for (ToolCall c : calls) {
            ObjectNode block = toolUseBlock(c.id(), c.name());
            block.set("input", JSON.readTree(c.argumentsJson()));
            content.add(block);
        }
        return whole(content, "tool_use", usage(20, 10, 0, 0));
    }

    @Override
    public Reply streamedToolCalls(List<ToolCall> calls) {
        List<String> frames = new ArrayList<>();
        frames.add(messageStart("msg_03", usage(30, 1, 0, 0)));
        frames.add(blockStart(0, textBlock("")));
        frames.add(textDelta(0, "Checking."));
        frames.add(blockStop(0));
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            int index = i + 1;
            frames.add(blockStart(index, toolUseBlock(c.id(), c.name())));
            String args = c.argumentsJson();
            int mid = args.length() / 2;
            for (String part : List.of("", args.substring(0, mid), args.substring(mid))) {
                frames.add(delta(index, node("input_json_delta").put("partial_json", part)));
            }
            frames.add(blockStop(index));
        }
        frames.add(messageDelta("tool_use", JSON.createObjectNode().put("output_tokens", 40)));
        frames.add(messageStop());
        return Reply.stream(SSE, frames);
    }

    static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    static ObjectNode errorBody(String type, String message) {
        ObjectNode root = node("error");
        root.putObject("error").put("type", type).put("message", message);
        root.put("request_id", "req_011CSHoEeqs5C35K2UUqR7Fy");
        return root;
    }

    /** The real API picks the error type from the status; {@code type} is only a hint from the suite. */
    @Override
    public Reply error(int status, String type, String message) {
        return Reply.json(status, JSON.writeValueAsString(errorBody(errorType(status), message)))
                .withHeader("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy");
    }

    @Override
    public Reply streamCutMidEvent() {
        return Reply.stream(SSE, List.of(messageStart("msg_04", usage(5, 1, 0, 0)), blockStart(0, textBlock("")),
                textDelta(0, "Hel"),
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"lo"));
    }

    @Override
    public Reply malformed() {
        return Reply.json(200, "{\"id\": \"msg_01\", \"type\": \"message\", \"content\": [ {\"type\": ");
    }

    @Override
    public Reply endlessStream() {
        return Reply.stream(SSE, List.of(messageStart("msg_05", usage(5, 1, 0, 0)), blockStart(0, textBlock("")),
                textDelta(0, "tick "))).untilClientLeaves();
    }

    @Override
    public String userText(JsonNode body) {
        String text = null;
        for (JsonNode m : body.path("messages")) {
            if (!"user".equals(m.path("role").asString())) continue;
            StringBuilder sb = new StringBuilder();
            for (JsonNode block : m.path("content")) {
                if ("text".equals(block.path("type").asString())) sb.append(block.path("text").asString());
            }
            text = sb.toString();
        }
        return text;
    }

    /** Anthropic has no native schema mode: the schema is the input schema of the tool the request forces. */
    @Override
    public boolean asksForSchemaWithProperty(JsonNode body, String property) {
        JsonNode choice = body.path("tool_choice");
        if (!"tool".equals(choice.path("type").asString())) return false;
        for (JsonNode tool : body.path("tools")) {
            if (tool.path("name").asString().equals(choice.path("name").asString())) {
                return tool.path("input_schema").path("properties").has(property);
            }
        }
        return false;
    }

    @Override
    public List<String> declaredTools(JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode t : body.path("tools")) names.add(t.path("name").asString());
        return names;
    }

    @Override
    public String authHeader() {
        return "x-api-key";
    }

    @Override
    public String authValue(String apiKey) {
        return apiKey;
    }

    @Override
    public List<SentToolResult> toolResults(JsonNode body) {
        List<SentToolResult> results = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            if (!"user".equals(m.path("role").asString())) continue;
            for (JsonNode block : m.path("content")) {
                if (!"tool_result".equals(block.path("type").asString())) continue;
                JsonNode content = block.path("content");
                String text = content.isString() ? content.asString() : "";
                for (JsonNode part : content.isArray() ? content : JSON.createArrayNode()) {
                    text += part.path("text").asString("");
                }
                results.add(new SentToolResult(block.path("tool_use_id").asString(), text,
                        block.path("is_error").asBoolean(false)));
            }
        }
        return results;
    }

    @Override
    public List<String> echoedToolCalls(JsonNode body) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            if (!"assistant".equals(m.path("role").asString())) continue;
            for (JsonNode block : m.path("content")) {
                if ("tool_use".equals(block.path("type").asString())) ids.add(block.path("id").asString());
            }
        }
        return ids;
    }
}
