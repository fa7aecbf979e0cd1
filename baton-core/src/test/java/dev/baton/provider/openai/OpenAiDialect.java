package dev.baton.provider.openai;

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

/** OpenAI chat-completions wire format, as api.openai.com sends it. */
public final class OpenAiDialect implements WireDialect {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String SSE = "text/event-stream";

    private static String event(ObjectNode node) {
        return "data: " + JSON.writeValueAsString(node) + "\n\n";
    }

    private static ObjectNode completion(String id) {
        ObjectNode root = JSON.createObjectNode().put("id", id).put("object", "chat.completion")
                .put("created", 1_700_000_000).put("model", "gpt-4o-mini-2024-07-18");
        return root;
    }

    private static ObjectNode usage(long in, long out) {
        ObjectNode u = JSON.createObjectNode().put("prompt_tokens", in).put("completion_tokens", out)
                .put("total_tokens", in + out);
        u.putObject("prompt_tokens_details").put("cached_tokens", 0);
        return u;
    }

    @Override
    public Reply text(String text, long in, long out) {
        ObjectNode root = completion("chatcmpl-1");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        root.set("usage", usage(in, out));
        return Reply.json(200, JSON.writeValueAsString(root));
    }

    private static ObjectNode chunk(ObjectNode delta, String finish) {
        ObjectNode root = completion("chatcmpl-2").put("object", "chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) choice.putNull("finish_reason");
        else choice.put("finish_reason", finish);
        root.putNull("usage");
        return root;
    }

    @Override
    public Reply streamedText(List<String> deltas, long in, long out) {
        List<String> frames = new ArrayList<>();
        frames.add(event(chunk(JSON.createObjectNode().put("role", "assistant").put("content", ""), null)));
        frames.add(": keep-alive\n\n");
        for (String d : deltas) frames.add(event(chunk(JSON.createObjectNode().put("content", d), null)));
        frames.add(event(chunk(JSON.createObjectNode(), "stop")));
        ObjectNode last = completion("chatcmpl-2").put("object", "chat.completion.chunk");
        last.putArray("choices");
        last.set("usage", usage(in, out));
        frames.add(event(last));
        frames.add("data: [DONE]\n\n");
        return Reply.stream(SSE, frames);
    }

    @Override
    public Reply toolCalls(List<ToolCall> calls) {
        ObjectNode root = completion("chatcmpl-3");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.putNull("content");
        ArrayNode arr = message.putArray("tool_calls");
        for (ToolCall c : calls) {
            ObjectNode call = arr.addObject().put("id", c.id()).put("type", "function");
            call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
        }
        root.set("usage", usage(20, 10));
        return Reply.json(200, JSON.writeValueAsString(root));
    }

    @Override
    public Reply streamedToolCalls(List<ToolCall> calls) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            ObjectNode head = JSON.createObjectNode();
            ObjectNode tc = head.putArray("tool_calls").addObject().put("index", i).put("id", c.id()).put("type", "function");
            tc.putObject("function").put("name", c.name()).put("arguments", "");
            frames.add(event(chunk(head, null)));
            String args = c.argumentsJson();
            int mid = args.length() / 2;
            for (String part : List.of(args.substring(0, mid), args.substring(mid))) {
                ObjectNode d = JSON.createObjectNode();
                d.putArray("tool_calls").addObject().put("index", i).putObject("function").put("arguments", part);
                frames.add(event(chunk(d, null)));
            }
        }
        frames.add(event(chunk(JSON.createObjectNode(), "tool_calls")));
        frames.add("data: [DONE]\n\n");
        return Reply.stream(SSE, frames);
    }

    @Override
    public Reply error(int status, String type, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).putNull("param").put("code", type);
        return Reply.json(status, JSON.writeValueAsString(root));
    }

    @Override
    public Reply streamCutMidEvent() {
        return Reply.stream(SSE, List.of(event(chunk(JSON.createObjectNode().put("content", "Hel"), null)),
                "data: {\"id\":\"chatcmpl-2\",\"choices\":[{\"delta\":{\"content\":\"lo"));
    }

    @Override
    public Reply malformed() {
        return Reply.json(200, "{\"id\": \"chatcmpl-1\", \"choices\": [ {\"message\": ");
    }

    @Override
    public Reply endlessStream() {
        return Reply.stream(SSE, List.of(event(chunk(JSON.createObjectNode().put("content", "tick "), null))))
                .untilClientLeaves();
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
        JsonNode rf = body.path("response_format");
        return "json_schema".equals(rf.path("type").asString())
                && rf.path("json_schema").path("schema").path("properties").has(property);
    }

    @Override
    public List<String> declaredTools(JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode t : body.path("tools")) names.add(t.path("function").path("name").asString());
        return names;
    }

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
            // chat completions has no error flag: the adapter marks an error in the content
            boolean error = content.startsWith("ERROR: ");
            results.add(new SentToolResult(m.path("tool_call_id").asString(),
                    error ? content.substring("ERROR: ".length()) : content, error));
        }
        return results;
    }

    @Override
    public List<String> echoedToolCalls(JsonNode body) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            if (!"assistant".equals(m.path("role").asString())) continue;
            for (JsonNode c : m.path("tool_calls")) ids.add(c.path("id").asString());
        }
        return ids;
    }
}
