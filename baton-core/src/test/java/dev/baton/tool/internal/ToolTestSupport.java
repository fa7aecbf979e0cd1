package dev.baton.tool.internal;

import dev.baton.tool.Sandbox;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Shared set-up of the sandbox and tool tests. */
final class ToolTestSupport {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private ToolTestSupport() {
    }

    static WorkspaceSandbox sandbox(Path root) {
        return sandbox(root, Duration.ofSeconds(30), 64 << 10, Map.of("PATH", System.getenv("PATH")));
    }

    static WorkspaceSandbox sandbox(Path root, Duration limit, int cap, Map<String, String> env) {
        return new WorkspaceSandbox(root, limit, cap, env);
    }

    static ToolContext context(Sandbox sandbox) {
        return new ToolContext("run-1", "agent-1", sandbox, Instant.now().plus(Duration.ofMinutes(5)));
    }

    static ObjectNode args(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    static ObjectNode args(Object... pairs) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) node.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
        return node;
    }

    static ToolResult call(Tool tool, Sandbox sandbox, ObjectNode args) throws Exception {
        return tool.call(args, context(sandbox));
    }
}
