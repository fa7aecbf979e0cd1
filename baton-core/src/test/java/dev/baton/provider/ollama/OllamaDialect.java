package dev.baton.provider.ollama;

import dev.baton.llm.ToolCall;
import dev.baton.provider.WireDialect;
import dev.baton.testing.LoopbackServer.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Ollama's native {@code /api/chat} wire format as {@code ollama serve} sends it: NDJSON lines
 * ({@code application/x-ndjson}), the last with {@code done: true}, {@code done_reason}, token
 * counts and durations; tool calls without ids whose arguments are JSON objects, each arriving
 * whole; errors as {@code {"error": "..."}}. Ollama has no authentication: a key, when
 * configured, is sent as a bearer token for the proxy or cloud in front of it.
 */
public final class OllamaDialect implements WireDialect {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String NDJSON = "application/x-ndjson";

    static String line(ObjectNode node) {
        return JSON.writeValueAsString(node) + "\n";
    }

    static ObjectNode chunk(String content) {
        ObjectNode root = JSON.createObjectNode().put("model", "llama3.2").put("created_at", "2025-06-01T10:00:00.000Z");
        root.putObject("message").put("role", "assistant").put("content", content);
        return root.put("done", false);
    }

    static ObjectNode done(ObjectNode root, String reason, long in, long out) {
        return root.put("done", true).put("done_reason", reason).put("total_duration", 5_191_566_416L)
                .put("load_duration", 2_154_458L).put("prompt_eval_count", in).put("prompt_eval_duration", 383_809_000L)
                .put("eval_count", out).put("eval_duration", 4_799_921_000L);
    }

    static ObjectNode withCalls(ObjectNode root, List<ToolCall> calls) {
        ArrayNode arr = ((ObjectNode) root.get("message")).putArray("tool_calls");
        for (ToolCall c : calls) {
            arr.addObject().putObject("function").put("name", c.name()).set("arguments", JSON.readTree(c.argumentsJson()));
        }
        return root;
    }

    @Override
    public Reply text(String text, long in, long out) {
        return Reply.json(200, JSON.writeValueAsString(done(chunk(text), "stop", in, out)));
    }

    @Override
    public Reply streamedText(List<String> deltas, long in, long out) {
        List<String> lines = new ArrayList<>();
        for (String d : deltas) lines.add(line(chunk(d)));
        lines.add(line(done(chunk(""), "stop", in, out)));
        return Reply.stream(NDJSON, lines);
    }

    @Override
    public Reply toolCalls(List<ToolCall> calls) {
        return Reply.json(200, JSON.writeValueAsString(done(withCalls(chunk(""), calls), "stop", 20, 10)));
    }

    /** Ollama sends each tool call whole (never split over lines), then the done line. */
    @Override
    public Reply streamedToolCalls(List<ToolCall> calls) {
        List<String> lines = new ArrayList<>();
        for (ToolCall c : calls) lines.add(line(withCalls(chunk(""), List.of(c))));
        lines.add(line(done(chunk(""), "stop", 20, 10)));
        return Reply.stream(NDJSON, lines);
    }

    @Override
    public Reply error(int status, String type, String message) {
        return Reply.json(status, JSON.writeValueAsString(JSON.createObjectNode().put("error", message)));
    }

    @Override
    public Reply streamCutMidEvent() {
        return Reply.stream(NDJSON, List.of(line(chunk("Hel")), "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assis"));
    }

    @Override
    public Reply malformed() {
        return Reply.json(200, "{\"model\":\"llama3.2\",\"message\":{\"content\":");
    }

    @Override
    public Reply endlessStream() {
        return Reply.stream(NDJSON, List.of(line(chunk("tick ")))).untilClientLeaves();
    }

    @Override
    public String userText(JsonNode body) {
        String text = null;
        for (JsonNode m : body.path("messages")) {
            if ("user".equals(m.path("role").asString())) text = m.path("content").asString();
        }
        return text;
    }

    @Override
    public boolean asksForSchemaWithProperty(JsonNode body, String property) {
        return body.path("format").path("properties").has(property);
    }

    @Override
    public List<String> declaredTools(JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode t : body.path("tools")) names.add(t.path("function").path("name").asString());
        return names;
    }

    /** Optional for Ollama: sent only when a key is configured (a proxy or Ollama's cloud). */
    @Override
    public String authHeader() {
        return "Authorization";
    }

    @Override
    public String authValue(String apiKey) {
        return "Bearer " + apiKey;
    }

    @Override
    public List<SentToolResult> toolResults(JsonNode body) {
        List<SentToolResult> results = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            if (!"tool".equals(m.path("role").asString())) continue;
            String content = m.path("content").asString();
            // Ollama has no error flag: the adapter marks an error in the content
            boolean error = content.startsWith("ERROR: ");
            results.add(new SentToolResult(m.path("tool_name").asString(),
                    error ? content.substring("ERROR: ".length()) : content, error));
        }
        return results;
    }

    @Override
    public List<String> echoedToolCalls(JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            if (!"assistant".equals(m.path("role").asString())) continue;
            for (JsonNode c : m.path("tool_calls")) names.add(c.path("function").path("name").asString());
        }
        return names;
    }

    @Override
    public boolean pairsToolResultsById() {
        return false;
    }
}
