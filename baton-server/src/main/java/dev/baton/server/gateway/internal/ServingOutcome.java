package dev.baton.server.gateway.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ToolCall;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a serving ensemble's deliverable asks the client for, in llm-orc's serving outcome shape:
 * {@code {"finish": true, "content": TEXT}} is a prose answer; {@code {"finish": false, "file":
 * PATH, "content": SOURCE}} a {@code write} tool call with arguments {@code {"filePath", "content"}};
 * {@code "reads": [PATH...]} one {@code read} call per path ({@code {"filePath"}}); {@code "glob":
 * STEM} a {@code glob} call ({@code {"pattern"}}); {@code "run": COMMAND} a {@code bash} call
 * ({@code {"command"}}). A deliverable that is not such an object is prose as it is.
 */
record ServingOutcome(String text, List<ToolCall> toolCalls) {

    static final String WRITE = "write";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    ServingOutcome {
        toolCalls = List.copyOf(toolCalls);
    }

    static ServingOutcome of(String deliverable, String ensemble, String runId) {
        JsonNode o;
        try {
            o = JSON.readTree(deliverable);
        } catch (RuntimeException prose) {
            return new ServingOutcome(deliverable, List.of());
        }
        if (o == null || !o.isObject() || !o.path("finish").isBoolean()) return new ServingOutcome(deliverable, List.of());
        String content = o.path("content").isString() ? o.get("content").stringValue() : "";
        if (o.get("finish").booleanValue()) return new ServingOutcome(content, List.of());
        List<ToolCall> calls = new ArrayList<>();
        if (o.path("file").isString()) {
            calls.add(call(WRITE, JSON.createObjectNode().put("filePath", o.get("file").stringValue()).put("content", content)));
        }
        o.path("reads").forEach(p -> calls.add(call("read", JSON.createObjectNode().put("filePath", p.asString()))));
        if (o.path("glob").isString()) calls.add(call("glob", JSON.createObjectNode().put("pattern", o.get("glob").stringValue())));
        if (o.path("run").isString()) calls.add(call("bash", JSON.createObjectNode().put("command", o.get("run").stringValue())));
        if (calls.isEmpty()) {
            throw BatonException.builder(ErrorCode.AGENT_FAILURE, "serving ensemble '" + ensemble + "' run " + runId
                    + " answered finish: false without a tool action (file, reads, glob or run)")
                    .suggestion("see the run's artifacts: baton artifacts show " + runId).build();
        }
        return new ServingOutcome("", calls);
    }

    private static ToolCall call(String name, JsonNode arguments) {
        return new ToolCall("call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24), name,
                arguments.toString());
    }
}
