package dev.baton.provider.gemini;

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
 * The Gemini API wire format as generativelanguage.googleapis.com sends it: whole
 * {@code GenerateContentResponse}s, SSE events ({@code data: ...\r\n\r\n}, no end marker) whose
 * every chunk carries cumulative {@code usageMetadata}, function calls without ids, and errors
 * as {@code {"error": {"code", "message", "status"}}}.
 */
public final class GeminiDialect implements WireDialect {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String SSE = "text/event-stream";

    static String event(ObjectNode node) {
        return "data: " + JSON.writeValueAsString(node) + "\r\n\r\n";
    }

    static ObjectNode usage(long in, long out) {
        ObjectNode u = JSON.createObjectNode().put("promptTokenCount", in).put("candidatesTokenCount", out)
                .put("totalTokenCount", in + out);
        u.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", in);
        return u;
    }

    /** A response whose first candidate has the given parts (and finish reason, when not null). */
    static ObjectNode response(List<ObjectNode> parts, String finishReason, ObjectNode usage) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        ArrayNode arr = content.putArray("parts");
        parts.forEach(arr::add);
        content.put("role", "model");
        if (finishReason != null) candidate.put("finishReason", finishReason);
        candidate.put("index", 0);
        if (usage != null) root.set("usageMetadata", usage);
        root.put("modelVersion", "gemini-2.5-flash").put("responseId", "resp-1");
        return root;
    }

    static ObjectNode textPart(String text) {
        return JSON.createObjectNode().put("text", text);
    }

    static ObjectNode callPart(ToolCall call) {
        ObjectNode part = JSON.createObjectNode();
        part.putObject("functionCall").put("name", call.name()).set("args", JSON.readTree(call.argumentsJson()));
        return part;
    }

    @Override
    public Reply text(String text, long in, long out) {
        return Reply.json(200, JSON.writeValueAsString(response(List.of(textPart(text)), "STOP", usage(in, out))));
    }

    @Override
    public Reply streamedText(List<String> deltas, long in, long out) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < deltas.size(); i++) {
            boolean last = i == deltas.size() - 1;
            frames.add(event(response(List.of(textPart(deltas.get(i))), last ? "STOP" : null,
                    usage(in, last ? out : i + 1))));
        }
        return Reply.stream(SSE, frames);
    }

    @Override
    public Reply toolCalls(List<ToolCall> calls) {
        List<ObjectNode> parts = calls.stream().map(GeminiDialect::callPart).toList();
        return Reply.json(200, JSON.writeValueAsString(response(parts, "STOP", usage(20, 10))));
    }

    /** Gemini does not split a function call over events: each call arrives whole, one per event here. */
    @Override
    public Reply streamedToolCalls(List<ToolCall> calls) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            boolean last = i == calls.size() - 1;
            frames.add(event(response(List.of(callPart(calls.get(i))), last ? "STOP" : null, usage(20, 5L * (i + 1)))));
        }
        return Reply.stream(SSE, frames);
    }

    @Override
    public Reply error(int status, String type, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("code", status).put("message", message).put("status", googleStatus(status));
        return Reply.json(status, JSON.writeValueAsString(root));
    }

    static String googleStatus(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> "INTERNAL";
        };
    }

    @Override
    public Reply streamCutMidEvent() {
        return Reply.stream(SSE, List.of(event(response(List.of(textPart("Hel")), null, usage(3, 1))),
                "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"lo"));
    }

    @Override
    public Reply malformed() {
        return Reply.json(200, "{\"candidates\": [{\"content\": {\"parts\": [");
    }

    @Override
    public Reply endlessStream() {
        return Reply.stream(SSE, List.of(event(response(List.of(textPart("tick ")), null, usage(3, 1)))))
                .untilClientLeaves();
    }

    @Override
    public String userText(JsonNode body) {
        String text = null;
        for (JsonNode c : body.path("contents")) {
            if ("user".equals(c.path("role").asString())) text = c.path("parts").path(0).path("text").asString(null);
        }
        return text;
    }

    @Override
    public boolean asksForSchemaWithProperty(JsonNode body, String property) {
        JsonNode config = body.path("generationConfig");
        JsonNode schema = config.has("responseSchema") ? config.path("responseSchema") : config.path("responseJsonSchema");
        return "application/json".equals(config.path("responseMimeType").asString())
                && schema.path("properties").has(property);
    }

    @Override
    public List<String> declaredTools(JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            for (JsonNode d : tool.path("functionDeclarations")) names.add(d.path("name").asString());
        }
        return names;
    }

    @Override
    public String authHeader() {
        return "x-goog-api-key";
    }

    @Override
    public String authValue(String apiKey) {
        return apiKey;
    }

    @Override
    public List<SentToolResult> toolResults(JsonNode body) {
        List<SentToolResult> results = new ArrayList<>();
        for (JsonNode turn : body.path("contents")) {
            for (JsonNode part : turn.path("parts")) {
                JsonNode fn = part.path("functionResponse");
                if (fn.isMissingNode()) continue;
                JsonNode response = fn.path("response");
                boolean error = response.has("error");
                JsonNode value = error ? response.path("error") : response.path("output");
                results.add(new SentToolResult(fn.path("name").asString(),
                        value.isString() ? value.asString() : value.toString(), error));
            }
        }
        return results;
    }

    @Override
    public List<String> echoedToolCalls(JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode turn : body.path("contents")) {
            if (!"model".equals(turn.path("role").asString())) continue;
            for (JsonNode part : turn.path("parts")) {
                if (part.has("functionCall")) names.add(part.path("functionCall").path("name").asString());
            }
        }
        return names;
    }

    @Override
    public boolean pairsToolResultsById() {
        return false;
    }
}
