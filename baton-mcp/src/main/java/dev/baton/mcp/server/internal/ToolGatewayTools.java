package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.llm.ToolCall;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import dev.baton.tool.NonInteractiveApprover;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolInvoker;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolPolicy;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.Tools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code list_tools} and {@code call_tool}: the tools Baton offers its models, and one call through
 * {@code baton.tools()} — validated, permitted and audited exactly as {@code baton tools call}. No
 * one can answer an approval over MCP, so a call the permissions leave to a person is denied with
 * the message saying what would allow it ({@link NonInteractiveApprover}).
 */
public final class ToolGatewayTools {

    /** How the audit log names the caller of these calls. */
    static final String AGENT = "mcp";

    private final Baton baton;

    public ToolGatewayTools(Baton baton) {
        this.baton = baton;
    }

    public ServerTool listTools() {
        return new ServerTool("list_tools",
                "List the tools Baton's models may call (built-in and from configured MCP servers): name, source, category, "
                        + "what the permissions do with a call (run, ask, deny), and sources that failed to start.",
                Schemas.parse("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"),
                Schemas.parse("""
                        {"type":"object","required":["mode","tools","unavailable"],"properties":{"mode":{"type":"string"},
                          "tools":{"type":"array","items":{"type":"object","required":["name","source","permission"],"properties":{
                            "name":{"type":"string"},"source":{"type":"string"},"category":{"type":"string"},
                            "permission":{"type":"string"},"description":{"type":"string"}}}},
                          "unavailable":{"type":"array","items":{"type":"object","properties":{
                            "source":{"type":"string"},"reason":{"type":"string"}}}}}}"""),
                (args, call) -> list());
    }

    private ToolResult list() {
        Tools tools = baton.tools();
        ArrayNode rows = Schemas.array();
        StringBuilder text = new StringBuilder();
        for (ToolRegistry.Entry e : tools.registry().all()) {
            String permission = permission(tools, e.tool());
            rows.addObject().put("name", e.tool().name()).put("source", e.source()).put("category", e.tool().category().id())
                    .put("permission", permission).put("description", e.tool().description());
            text.append(e.tool().name()).append(" (").append(e.source()).append(", ").append(permission).append(")\n");
        }
        ArrayNode down = Schemas.array();
        tools.registry().unavailable().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(u -> {
            down.addObject().put("source", u.getKey()).put("reason", u.getValue());
            text.append("unavailable: ").append(u.getKey()).append(" — ").append(u.getValue()).append('\n');
        });
        String mode = mode(tools);
        ObjectNode out = Schemas.object().put("mode", mode);
        out.set("tools", rows);
        out.set("unavailable", down);
        text.append("mode: ").append(mode);
        return ToolResult.structured(out, text.toString());
    }

    public ServerTool callTool() {
        return new ServerTool("call_tool",
                "Call one of Baton's tools (see list_tools) with JSON arguments, through its schema check, the permissions, "
                        + "the sandbox and the audit log. A call that needs approval is denied: approval cannot be given over MCP.",
                Schemas.parse("""
                        {"type":"object","required":["name"],"additionalProperties":false,"properties":{
                          "name":{"type":"string","minLength":1,"description":"the tool's name"},
                          "arguments":{"type":"object","description":"the tool's arguments (default {})"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["tool","outcome","content"],"properties":{"tool":{"type":"string"},
                          "outcome":{"type":"string"},"decided_by":{"type":"string"},"content":{"type":"string"},
                          "structured":{},"truncated":{"type":"boolean"},"duration_ms":{"type":"integer"}}}"""),
                (args, call) -> call(args));
    }

    private ToolResult call(JsonNode args) {
        Tools tools = baton.tools();
        String name = args.path("name").asString();
        Optional<ToolRegistry.Entry> entry = tools.registry().find(name);
        if (entry.isEmpty()) {
            return ToolResult.error("field 'name': unknown tool '" + name + "' (list them with list_tools)");
        }
        ToolInvoker invoker = tools.invoker(List.of(entry.get().tool()), tools.permissions(), new NonInteractiveApprover(),
                ToolListener.NONE);
        String runId = "mcp-" + UUID.randomUUID().toString().substring(0, 8);
        // the invoker applies the sandbox's own limit; the deadline only bounds the whole call
        Instant deadline = Instant.now().plus(tools.sandbox().callTimeLimit()).plus(Duration.ofSeconds(5));
        String arguments = Schemas.JSON.writeValueAsString(args.has("arguments") ? args.get("arguments") : Schemas.object());
        ToolInvoker.Invocation r = invoker.invoke(new ToolCall("mcp-1", entry.get().tool().name(), arguments),
                new ToolContext(runId, AGENT, tools.sandbox(), deadline));
        ObjectNode out = Schemas.object().put("tool", entry.get().tool().name())
                .put("outcome", r.record().outcome().name().toLowerCase(Locale.ROOT))
                .put("decided_by", r.record().decidedBy()).put("content", r.result().content())
                .put("truncated", r.result().truncated()).put("duration_ms", r.record().duration().toMillis());
        if (r.result().structuredContent() != null) out.set("structured", r.result().structuredContent());
        if (r.result().isError()) {
            return new ToolResult(List.of(new dev.baton.mcp.server.Content.Text("tool " + out.path("outcome").asString()
                    + ": " + r.result().content())), out, true);
        }
        return ToolResult.structured(out, r.result().content());
    }

    private static String mode(Tools tools) {
        ToolPolicy.Mode mode = ToolPolicy.Mode.MANUAL;
        for (ToolPolicy layer : tools.permissions().layers()) {
            if (layer.mode() != null) mode = layer.mode();
        }
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static String permission(Tools tools, Tool tool) {
        return tools.permissions().permission(tool.name(), tool.category()).name().toLowerCase(Locale.ROOT);
    }
}
