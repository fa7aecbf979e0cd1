package dev.baton.ensemble.service.internal;

import dev.baton.ensemble.load.KnownTools;
import dev.baton.tool.FunctionTool;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolRegistry;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Validation's view of the registry lists the tools it can without starting an MCP server. */
class ToolNamesTest {

    @Test
    void an_mcp_source_is_named_as_a_server_and_never_asked_for_its_tools() {
        AtomicInteger started = new AtomicInteger();
        ToolRegistry registry = new ToolRegistry().add(source("builtin", new AtomicInteger(), "read_file"))
                .add(source("mcp:fs", started, "fs.read_text_file"));
        registry.register(FunctionTool.read("lookup", a -> ToolResult.ok("")), "test");

        KnownTools known = ToolNames.of(registry);

        assertThat(known.names()).containsExactlyInAnyOrder("read_file", "lookup");
        assertThat(known.servers()).containsExactly("fs");
        assertThat(started).as("the MCP server was not started").hasValue(0);
    }

    private static ToolSource source(String name, AtomicInteger asked, String tool) {
        return new ToolSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Tool> tools() {
                asked.incrementAndGet();
                return List.of(FunctionTool.read(tool, a -> ToolResult.ok("")));
            }
        };
    }
}
