package dev.baton.mcp;

import dev.baton.config.McpServerSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** server-everything started by Baton over stdio. */
class StdioEverythingServerTest extends EverythingServerContract {

    @Override
    McpToolSource newSource() {
        var settings = McpServerSettings.stdio(List.of(ReferenceServers.node(), ReferenceServers.everythingScript().toString()));
        return McpServers.of("everything", settings, ReferenceServers.env(), workspace);
    }

    @Override
    void crashServer() throws Exception {
        ReferenceServers.kill(ReferenceServers.serverProcess("server-everything").orElseThrow());
    }

    @Test
    void close_stops_the_server_process() throws Exception {
        source.tools();
        ProcessHandle server = ReferenceServers.serverProcess("server-everything").orElseThrow();

        source.close();

        server.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void close_stops_the_processes_the_server_started_too() throws Exception {
        source.close();
        // a launcher (like npx) whose children outlive a closed stdin: only killing the tree stops the sleep
        var settings = McpServerSettings.stdio(List.of("sh", "-c", "sleep 317 & '" + ReferenceServers.node() + "' '"
                + ReferenceServers.everythingScript() + "'; exit 0"));
        source = McpServers.of("everything", settings, ReferenceServers.env(), workspace);
        source.tools();
        ProcessHandle sleep = ProcessHandle.current().descendants()
                .filter(h -> h.info().command().orElse("").endsWith("sleep"))
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains("317")).orElse(false))
                .findFirst().orElseThrow();

        source.close();

        sleep.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(sleep.isAlive()).isFalse();
    }

    @Test
    void nothing_starts_before_the_tools_are_first_asked_for() {
        assertThat(ReferenceServers.serverProcess("server-everything")).isEmpty();

        source.tools();

        assertThat(ReferenceServers.serverProcess("server-everything")).isPresent();
    }

    @Test
    void the_server_gets_the_environment_without_credentials_plus_its_configured_env() throws Exception {
        source.close();
        var settings = new McpServerSettings(ReferenceServers.node(), List.of(ReferenceServers.everythingScript().toString()),
                Map.of("BATON_MCP_TEST", "configured"), null, null, null, null, null);
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("OPENAI_API_KEY", "sk-should-not-leak");
        env.put("GITHUB_TOKEN", "ghp-should-not-leak");
        source = McpServers.of("everything", settings, env, workspace);

        String shown = call("everything.get-env", "{}").content();

        assertThat(shown).contains("BATON_MCP_TEST").contains("configured")
                .doesNotContain("sk-should-not-leak").doesNotContain("ghp-should-not-leak");
    }

    @Test
    void a_command_that_cannot_start_fails_the_listing_naming_the_server() {
        source.close();
        source = McpServers.stdio("broken", List.of("/nonexistent/mcp-server-binary"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.tools())
                .hasMessageContaining("MCP server 'broken' could not be started")
                .hasMessageContaining("/nonexistent/mcp-server-binary");
    }
}
