package dev.baton.mcp;

import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import dev.baton.tool.ToolSource;
import dev.baton.tool.ToolSourceProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class McpToolSourceProviderTest {

    @TempDir
    Path workspace;

    @Test
    void the_provider_is_found_by_service_loader() {
        assertThat(ServiceLoader.load(ToolSourceProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(McpToolSourceProvider.class);
    }

    @Test
    void each_configured_server_becomes_a_source_named_mcp_name_and_nothing_starts() {
        var config = new ConfigLoader(EnvExpander.of(Map.of())).parse("""
                mcp_servers:
                  fs: {command: /nonexistent/never-started, args: ["."]}
                  remote: {url: "http://127.0.0.1:9/mcp"}
                """, workspace.resolve("config.yaml"));

        List<ToolSource> sources = new McpToolSourceProvider().sources(config, Map.of(),
                new ReferenceServers.RootOnly(workspace));

        assertThat(sources).extracting(ToolSource::name).containsExactly("mcp:fs", "mcp:remote");
        sources.forEach(ToolSource::close);
    }

    @Test
    void tool_names_are_server_dot_tool_with_other_characters_replaced() {
        assertThat(ToolNames.qualified("fs", "read_text_file")).isEqualTo("fs.read_text_file");
        assertThat(ToolNames.qualified("gh", "repos/list issues")).isEqualTo("gh.repos_list_issues");
        assertThat(ToolNames.qualified("s", "x".repeat(300))).hasSize(128);
    }
}
