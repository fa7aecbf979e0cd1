package dev.baton.cli;

import dev.baton.config.BatonConfig;
import dev.baton.tool.Sandbox;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolSource;
import dev.baton.tool.ToolSourceProvider;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Tools for the CLI tests, found through META-INF/services on the test class path: source
 * {@code test} with {@code echo} (read) and {@code scribble} (write), each taking a required
 * string {@code text} and returning it.
 */
public final class TestToolSourceProvider implements ToolSourceProvider {

    @Override
    public List<ToolSource> sources(BatonConfig config, Map<String, String> env, Sandbox sandbox) {
        return List.of(new ToolSource() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<Tool> tools() {
                return List.of(new Echo("echo", ToolCategory.READ), new Echo("scribble", ToolCategory.WRITE));
            }
        });
    }

    private record Echo(String name, ToolCategory category) implements Tool {
        @Override
        public String description() {
            return "Returns `text` unchanged.";
        }

        @Override
        public String parametersSchema() {
            return """
                    {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}""";
        }

        @Override
        public ToolResult call(ObjectNode arguments, ToolContext context) {
            return ToolResult.ok(arguments.path("text").asString());
        }
    }
}
