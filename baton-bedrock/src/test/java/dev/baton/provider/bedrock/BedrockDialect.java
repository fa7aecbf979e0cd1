package dev.baton.provider.bedrock;

import dev.baton.llm.ToolCall;
import dev.baton.provider.WireDialect;
import dev.baton.testing.LoopbackServer.Recorded;
import dev.baton.testing.LoopbackServer.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Bedrock Runtime's wire format as its endpoint sends it: Converse JSON for
 * {@code POST /model/{modelId}/converse}; {@code application/vnd.amazon.eventstream} binary
 * messages for {@code POST /model/{modelId}/converse-stream} (each event's JSON carries a
 * {@code p} padding field, as Bedrock's do); errors as an HTTP status with the
 * {@code x-amzn-ErrorType} header and a {@code {"message": …}} body.
 */
public final class BedrockDialect implements WireDialect {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
    private static final String ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.bedrock/";
    private static final String PADDING = "abcdefghijklmnopqrstuvwxyzABCDEF";

    private final Supplier<Recorded> lastRequest;

    /** {@code lastRequest} gives the request the server received last, for checking its signature. */
    public BedrockDialect(Supplier<Recorded> lastRequest) {
        this.lastRequest = lastRequest;
    }

    static ObjectNode usage(long in, long out, long cacheRead, long cacheWrite) {
        ObjectNode u = JSON.createObjectNode().put("inputTokens", in).put("outputTokens", out)
                .put("totalTokens", in + out + cacheRead + cacheWrite);
        if (cacheRead > 0 || cacheWrite > 0) u.put("cacheReadInputTokens", cacheRead).put("cacheWriteInputTokens", cacheWrite);
        return u;
    }

    static Reply converse(ArrayNode content, String stopReason, ObjectNode usage) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("metrics").put("latencyMs", 321);
        ObjectNode message = root.putObject("output").putObject("message");
        message.set("content", content);
        message.put("role", "assistant");
        root.put("stopReason", stopReason);
        root.set("usage", usage);
        return Reply.json(200, JSON.writeValueAsString(root)).withHeader("x-amzn-RequestId", "req-converse-1");
    }

    @Override
    public Reply text(String text, long in, long out) {
        ArrayNode content = JSON.createArrayNode();
        content.addObject().put("text", text);
        return converse(content, "end_turn", usage(in, out, 0, 0));
    }

    /** An event message with Bedrock's padding field added to the payload. */
    static byte[] event(String type, ObjectNode payload) {
        payload.put("p", PADDING.substring(0, 1 + payload.size() % PADDING.length()));
        return EventStreamFrames.event(type, JSON.writeValueAsString(payload));
    }

    static byte[] messageStart() {
        return event("messageStart", JSON.createObjectNode().put("role", "assistant"));
    }

    static byte[] textDelta(int index, String text) {
        ObjectNode e = JSON.createObjectNode().put("contentBlockIndex", index);
        e.putObject("delta").put("text", text);
        return event("contentBlockDelta", e);
    }

    static byte[] toolStart(int index, String id, String name) {
        ObjectNode e = JSON.createObjectNode().put("contentBlockIndex", index);
        e.putObject("start").putObject("toolUse").put("toolUseId", id).put("name", name);
        return event("contentBlockStart", e);
    }

    static byte[] toolDelta(int index, String input) {
        ObjectNode e = JSON.createObjectNode().put("contentBlockIndex", index);
        e.putObject("delta").putObject("toolUse").put("input", input);
        return event("contentBlockDelta", e);
    }

    static byte[] blockStop(int index) {
        return event("contentBlockStop", JSON.createObjectNode().put("contentBlockIndex", index));
    }

    static byte[] messageStop(String stopReason) {
        return event("messageStop", JSON.createObjectNode().put("stopReason", stopReason));
    }

    static byte[] metadata(ObjectNode usage) {
        ObjectNode e = JSON.createObjectNode();
        e.set("usage", usage);
        e.putObject("metrics").put("latencyMs", 250);
        return event("metadata", e);
    }

    static Reply stream(List<byte[]> frames) {
        return Reply.binary(EVENT_STREAM, frames).withHeader("x-amzn-RequestId", "req-stream-1");
    }

    @Override
    public Reply streamedText(List<String> deltas, long in, long out) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(messageStart());
        for (String d : deltas) frames.add(textDelta(0, d));
        frames.add(blockStop(0));
        frames.add(messageStop("end_turn"));
        frames.add(metadata(usage(in, out, 0, 0)));
        return stream(frames);
    }

    @Override
    public Reply toolCalls(List<ToolCall> calls) {
        ArrayNode content = JSON.createArrayNode();
        content.addObject().put("text", "Let me look that up.");
        for (ToolCall c : calls) {
            ObjectNode use = content.addObject().putObject("toolUse").put("toolUseId", c.id()).put("name", c.name());
            use.set("input", JSON.readTree(c.argumentsJson()));
        }
        return converse(content, "tool_use", usage(20, 10, 0, 0));
    }

    @Override
    public Reply streamedToolCalls(List<ToolCall> calls) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(messageStart());
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            frames.add(toolStart(i, c.id(), c.name()));
            String args = c.argumentsJson();
            int mid = args.length() / 2;
            frames.add(toolDelta(i, args.substring(0, mid)));
            frames.add(toolDelta(i, args.substring(mid)));
            frames.add(blockStop(i));
        }
        frames.add(messageStop("tool_use"));
        frames.add(metadata(usage(20, 10, 0, 0)));
        return stream(frames);
    }

    /** Bedrock's exception name for a status, as its endpoint answers with it. */
    static String errorType(int status) {
        return switch (status) {
            case 400 -> "ValidationException";
            case 401 -> "UnrecognizedClientException";
            case 403 -> "AccessDeniedException";
            // A path the service does not know (not a model that does not exist: that is ResourceNotFoundException).
            case 404 -> "UnknownOperationException";
            case 408 -> "ModelTimeoutException";
            case 424 -> "ModelErrorException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> "InternalServerException";
        };
    }

    @Override
    public Reply error(int status, String type, String message) {
        return error(status, errorType(status), message, true);
    }

    static Reply error(int status, String awsType, String message, boolean typeHeader) {
        Reply reply = Reply.json(status, JSON.writeValueAsString(JSON.createObjectNode().put("message", message)))
                .withHeader("x-amzn-RequestId", "req-error-1");
        return typeHeader ? reply.withHeader("x-amzn-ErrorType", awsType + ERROR_TYPE_SUFFIX) : reply;
    }

    @Override
    public Reply streamCutMidEvent() {
        byte[] next = textDelta(0, "lo");
        byte[] half = java.util.Arrays.copyOf(next, next.length / 2);
        return stream(List.of(messageStart(), textDelta(0, "Hel"), half));
    }

    @Override
    public Reply malformed() {
        return Reply.json(200, "{\"output\": {\"message\": {\"content\": [ {\"text\": ")
                .withHeader("x-amzn-RequestId", "req-bad-1");
    }

    @Override
    public Reply endlessStream() {
        return stream(List.of(messageStart(), textDelta(0, "tick "))).untilClientLeaves();
    }

    @Override
    public String userText(JsonNode body) {
        String text = null;
        for (JsonNode m : body.path("messages")) {
            if (!"user".equals(m.path("role").asString())) continue;
            for (JsonNode block : m.path("content")) {
                if (block.has("text")) text = block.path("text").asString();
            }
        }
        return text;
    }

    @Override
    public boolean asksForSchemaWithProperty(JsonNode body, String property) {
        JsonNode config = body.path("toolConfig");
        String forced = config.path("toolChoice").path("tool").path("name").asString(null);
        for (JsonNode tool : config.path("tools")) {
            JsonNode spec = tool.path("toolSpec");
            if (spec.path("name").asString("").equals(forced)
                    && spec.path("inputSchema").path("json").path("properties").has(property)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<String> declaredTools(JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode t : body.path("toolConfig").path("tools")) names.add(t.path("toolSpec").path("name").asString());
        return names;
    }

    @Override
    public String authHeader() {
        return "Authorization";
    }

    /** The SigV4 header the last request must carry if it was signed with {@code secretKey}. */
    @Override
    public String authValue(String secretKey) {
        return SigV4Check.expectedAuthorization(lastRequest.get(), secretKey);
    }

    @Override
    public List<SentToolResult> toolResults(JsonNode body) {
        List<SentToolResult> results = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            for (JsonNode block : m.path("content")) {
                JsonNode result = block.path("toolResult");
                if (result.isMissingNode()) continue;
                StringBuilder text = new StringBuilder();
                for (JsonNode part : result.path("content")) text.append(part.path("text").asString(""));
                results.add(new SentToolResult(result.path("toolUseId").asString(), text.toString(),
                        "error".equals(result.path("status").asString())));
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
                if (block.has("toolUse")) ids.add(block.path("toolUse").path("toolUseId").asString());
            }
        }
        return ids;
    }
}
