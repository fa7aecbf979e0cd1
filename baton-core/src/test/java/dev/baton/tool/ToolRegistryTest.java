package dev.baton.tool;

import dev.baton.error.BatonException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolRegistryTest {

    private static Tool tool(String name) {
        return FunctionTool.read(name, args -> ToolResult.ok(name));
    }

    private static ToolSource source(String name, List<Tool> tools) {
        return new ToolSource() {
            public String name() { return name; }
            public List<Tool> tools() { return tools; }
        };
    }

    @Test
    void a_source_that_cannot_start_is_left_out_and_reported_without_taking_the_other_tools_away() {
        ToolRegistry registry = new ToolRegistry().register(tool("read_file"), "builtin")
                .add(new ToolSource() {
                    public String name() { return "mcp:broken"; }
                    public List<Tool> tools() { throw new IllegalStateException("server exited with 1"); }
                })
                .add(source("mcp:fs", List.of(tool("fs.read_text_file"))));

        assertThat(registry.all()).extracting(e -> e.tool().name()).containsExactly("read_file", "fs.read_text_file");
        assertThat(registry.unavailable()).containsEntry("mcp:broken", "server exited with 1");
        assertThat(registry.resolve(List.of("fs.*"))).extracting(ToolRegistry.Entry::source).containsExactly("mcp:fs");
        assertThatThrownBy(() -> registry.resolve(List.of("broken.query")))
                .isInstanceOf(BatonException.class)
                .hasMessageContaining("unknown tool 'broken.query'")
                .hasMessageContaining("mcp:broken (server exited with 1)");
    }

    @Test
    void an_unknown_name_gets_the_closest_known_one_and_a_glob_may_match_nothing() {
        ToolRegistry registry = new ToolRegistry().register(tool("search_text"), "builtin");

        assertThatThrownBy(() -> registry.resolve(List.of("serch_text")))
                .hasMessageContaining("did you mean 'search_text'?");
        assertThat(registry.resolve(List.of("nothing.*"))).isEmpty();
        assertThatThrownBy(() -> registry.register(tool("search_text"), "other"))
                .hasMessageContaining("registered already");
    }
}
