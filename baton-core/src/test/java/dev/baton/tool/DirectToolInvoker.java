package dev.baton.tool;

import dev.baton.llm.ToolCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test {@link ToolInvoker}: looks the tool up by name, parses the arguments, runs it and builds
 * the record, turning an unknown name, unparsable arguments or a throw into an error result. No
 * schema validation, permissions or audit (the real invoker's job); tells the listener.
 */
public final class DirectToolInvoker implements ToolInvoker {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final ToolListener listener;

    public DirectToolInvoker(List<Tool> tools, ToolListener listener) {
        tools.forEach(t -> this.tools.put(t.name(), t));
        this.listener = listener;
    }

    public DirectToolInvoker(List<Tool> tools) {
        this(tools, ToolListener.NONE);
    }

    @Override
    public Invocation invoke(ToolCall call, ToolContext context) {
        listener.toolCallStarted(context, call);
        Instant started = Instant.now();
        Tool tool = tools.get(call.name());
        ToolResult result;
        ToolCallRecord.Outcome outcome;
        if (tool == null) {
            result = ToolResult.error("no tool named '" + call.name() + "'");
            outcome = ToolCallRecord.Outcome.UNKNOWN_TOOL;
        } else {
            try {
                JsonNode args = JSON.readTree(call.argumentsJson());
                result = tool.call((ObjectNode) args, context);
                outcome = result.isError() ? ToolCallRecord.Outcome.ERROR : ToolCallRecord.Outcome.OK;
            } catch (Exception e) {
                // a tool interrupted mid-call: keep the flag, as a real invoker must, so the loop sees it
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                result = ToolResult.error(String.valueOf(e.getMessage()));
                outcome = ToolCallRecord.Outcome.ERROR;
            }
        }
        ToolCallRecord record = new ToolCallRecord(call.id(), call.name(), call.argumentsJson(), started,
                Duration.between(started, Instant.now()), outcome,
                result.content().getBytes(StandardCharsets.UTF_8).length, result.truncated(), "test");
        listener.toolCallFinished(context, record);
        return new Invocation(result, record);
    }
}
