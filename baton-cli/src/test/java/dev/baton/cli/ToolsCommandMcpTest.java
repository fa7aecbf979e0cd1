package dev.baton.cli;

import dev.baton.testing.Peers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton tools list/call --mcp-command}: one MCP server named on the command line
 * (the reference server-everything over stdio), through the same permissions and audit as
 * configured tools; and {@code tools list} showing configured sources that cannot start.
 */
class ToolsCommandMcpTest {

    /** The version shared/peers.md pins (as baton-mcp's tests use it). */
    static final String EVERYTHING = "2026.8.31";

    @TempDir
    Path tmp;

    private EnsembleProject project(String config) {
        return new EnsembleProject(tmp).config(config);
    }

    private static String everything() {
        String node = Peers.which("node");
        Assumptions.assumeTrue(node != null, "node is not installed: skipping the MCP server test");
        Path script = Peers.install("@modelcontextprotocol/server-everything", EVERYTHING).resolve("dist/index.js");
        return "'" + node + "' '" + script + "'";
    }

    @Test
    void given_mcp_command_when_listing_then_only_that_servers_tools_show_as_mcp_tools_needing_approval() throws IOException {
        EnsembleProject p = project("default_profile: offline\n");

        var r = p.run("tools", "list", "--mcp-command", everything(), "-o", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode tools = Json.MAPPER.readTree(r.out()).path("tools");
        JsonNode echo = find(tools, "mcp.echo");
        assertThat(echo.path("source").asString()).isEqualTo("mcp:mcp");
        assertThat(echo.path("category").asString()).isEqualTo("exec");
        assertThat(echo.path("permission").asString()).isEqualTo("ask");
        assertThat(tools.findValuesAsString("name")).allMatch(n -> n.startsWith("mcp.")).doesNotContain("echo");
    }

    @Test
    void given_no_terminal_when_calling_an_mcp_tool_then_it_is_denied_unless_yes_approves_it_and_both_are_audited()
            throws IOException {
        EnsembleProject p = project("default_profile: offline\n");
        String server = everything();

        var denied = p.run("tools", "call", "echo", "--args", "{\"message\": \"hi there\"}", "--mcp-command", server);
        var approved = p.run("tools", "call", "echo", "--args", "{\"message\": \"hi there\"}", "--yes", "--mcp-command", server);
        JsonNode audit = Json.MAPPER.readTree(p.run("audit", "list", "--tool", "mcp.echo", "-o", "json").out()).path("entries");

        assertThat(denied.exit()).isEqualTo(1);
        assertThat(denied.err()).contains("needs approval").contains("pass --yes");
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(approved.out()).contains("hi there");
        assertThat(audit).hasSize(2);
        assertThat(StreamSupport.stream(audit.spliterator(), false).map(e -> e.path("decided_by").asString()))
                .containsExactlyInAnyOrder("non-interactive", ToolsCommand.CallCmd.YES);
    }

    @Test
    void given_a_deny_pattern_when_calling_with_yes_then_the_tool_stays_denied() throws IOException {
        EnsembleProject p = project("tools: {mode: manual, deny: [\"mcp.*\"]}\n");

        var r = p.run("tools", "call", "mcp.echo", "--args", "{\"message\": \"x\"}", "--yes", "--mcp-command", everything(),
                "-o", "json");

        assertThat(r.exit()).isEqualTo(1);
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("outcome").asString()).isEqualTo("denied");
        assertThat(doc.path("decided_by").asString()).isEqualTo("policy");
    }

    @Test
    void given_an_unknown_tool_of_the_server_then_it_is_a_usage_error_with_a_suggestion() {
        EnsembleProject p = project("default_profile: offline\n");

        var r = p.run("tools", "call", "mcp.ecko", "--yes", "--mcp-command", everything());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown tool 'mcp.ecko'").contains("did you mean 'mcp.echo'");
    }

    @Test
    void bad_mcp_options_are_usage_errors_naming_the_option() {
        EnsembleProject p = project("default_profile: offline\n");

        var both = p.run("tools", "call", "echo", "--mcp-url", "http://127.0.0.1:1/mcp", "--mcp-command", "x");
        var elicitationAlone = p.run("tools", "call", "echo", "--accept-elicitation-defaults");
        var unclosed = p.run("tools", "list", "--mcp-command", "'node server.js");
        var notHttp = p.run("tools", "list", "--mcp-url", "ftp://example.invalid/mcp");

        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--mcp-url").contains("--mcp-command");
        assertThat(elicitationAlone.exit()).isEqualTo(2);
        assertThat(elicitationAlone.err()).contains("--accept-elicitation-defaults");
        assertThat(unclosed.exit()).isEqualTo(2);
        assertThat(unclosed.err()).contains("--mcp-command").contains("unclosed");
        assertThat(notHttp.exit()).isEqualTo(2);
        assertThat(notHttp.err()).contains("--mcp-url");
    }

    @Test
    void bad_oauth_options_are_usage_errors_naming_the_option() {
        EnsembleProject p = project("default_profile: offline\n");

        var withoutUrl = p.run("tools", "list", "--oauth-client-id", "baton");
        var unsetSecret = p.run("tools", "list", "--mcp-url", "http://127.0.0.1:1/mcp", "--oauth-client-id", "baton",
                "--oauth-client-secret-env", "BATON_TEST_UNSET_SECRET_VARIABLE");
        var badGrant = p.run("tools", "list", "--mcp-url", "http://127.0.0.1:1/mcp", "--oauth-grant", "password");
        var credentialsAlone = p.run("tools", "list", "--mcp-url", "http://127.0.0.1:1/mcp",
                "--oauth-grant", "client_credentials");

        assertThat(withoutUrl.exit()).isEqualTo(2);
        assertThat(withoutUrl.err()).contains("--oauth-* options need --mcp-url");
        assertThat(unsetSecret.exit()).isEqualTo(2);
        assertThat(unsetSecret.err()).contains("--oauth-client-secret-env").contains("BATON_TEST_UNSET_SECRET_VARIABLE");
        assertThat(badGrant.exit()).isEqualTo(2);
        assertThat(badGrant.err()).contains("--oauth-grant").contains("password");
        assertThat(credentialsAlone.exit()).isEqualTo(2);
        assertThat(credentialsAlone.err()).contains("--oauth-client-id");
    }

    @Test
    void given_a_configured_server_that_cannot_start_when_listing_then_it_shows_as_unavailable_with_the_reason()
            throws IOException {
        EnsembleProject p = project("""
                mcp_servers:
                  broken:
                    command: /nonexistent/mcp-server
                """);

        var text = p.run("tools", "list");
        var json = p.run("tools", "list", "-o", "json");

        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("UNAVAILABLE SOURCE").contains("mcp:broken").contains("/nonexistent/mcp-server");
        JsonNode down = Json.MAPPER.readTree(json.out()).path("unavailable");
        assertThat(down).hasSize(1);
        assertThat(down.path(0).path("source").asString()).isEqualTo("mcp:broken");
        assertThat(down.path(0).path("reason").asString()).contains("could not be started");
    }

    @Test
    void given_mcp_command_that_cannot_start_when_listing_then_it_fails_naming_the_server() throws IOException {
        EnsembleProject p = project("default_profile: offline\n");

        var r = p.run("tools", "list", "--mcp-command", "/nonexistent/mcp-server --stdio", "-o", "json");

        assertThat(r.exit()).isEqualTo(1);
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("tools")).isEmpty();
        assertThat(doc.path("unavailable").path(0).path("source").asString()).isEqualTo("mcp:mcp");
        assertThat(doc.path("unavailable").path(0).path("reason").asString()).contains("/nonexistent/mcp-server");
    }

    private static JsonNode find(JsonNode tools, String name) {
        return StreamSupport.stream(tools.spliterator(), false).filter(t -> t.path("name").asString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no tool " + name + " in " + tools));
    }
}
