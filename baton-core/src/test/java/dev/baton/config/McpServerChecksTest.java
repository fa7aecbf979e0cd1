package dev.baton.config;

import dev.baton.config.internal.ConfigLoader;
import dev.baton.config.internal.EnvExpander;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class McpServerChecksTest {

    private static final Path FILE = Path.of("/p/.baton/config.yaml");
    private final ConfigLoader loader = new ConfigLoader(EnvExpander.of(Map.of("MCP_TOKEN", "s3cr3t-token")));

    @Test
    void given_a_stdio_and_an_http_server_when_loaded_then_both_are_bound_with_expanded_headers() {
        BatonConfig c = loader.parse("""
                mcp_servers:
                  fs:
                    command: npx
                    args: ["-y", "@modelcontextprotocol/server-filesystem", "."]
                    env: {LOG_LEVEL: debug}
                    cwd: sub
                    category: read
                  remote:
                    url: https://mcp.example.org/mcp
                    headers:
                      Authorization: Bearer ${MCP_TOKEN}
                    timeout_seconds: 5
                """, FILE);

        McpServerSettings fs = c.mcpServers().get("fs");
        assertThat(fs.isStdio()).isTrue();
        assertThat(fs.args()).containsExactly("-y", "@modelcontextprotocol/server-filesystem", ".");
        assertThat(fs.env()).containsEntry("LOG_LEVEL", "debug");
        assertThat(fs.cwd()).isEqualTo("sub");
        assertThat(fs.categoryOrDefault()).isEqualTo("read");
        assertThat(fs.timeoutSecondsOrDefault()).isEqualTo(60.0);
        McpServerSettings remote = c.mcpServers().get("remote");
        assertThat(remote.isStdio()).isFalse();
        assertThat(remote.headers()).containsEntry("Authorization", "Bearer s3cr3t-token");
        assertThat(remote.categoryOrDefault()).isEqualTo("exec");
        assertThat(remote.timeoutSecondsOrDefault()).isEqualTo(5.0);
    }

    @Test
    void settings_never_show_header_or_env_values() {
        McpServerSettings s = new McpServerSettings(null, null, null, null, "http://h/mcp",
                Map.of("Authorization", "Bearer s3cr3t-token"), null, null);

        assertThat(s.toString()).contains("Authorization").doesNotContain("s3cr3t-token");
        assertThat(McpServerSettings.stdio(List.of("node", "x.js")).toString()).contains("command=node");
    }

    @Test
    void a_project_entry_replaces_the_user_entry_of_the_same_name() {
        BatonConfig user = loader.parse("mcp_servers:\n  a: {command: one}\n  b: {command: two}\n", FILE);
        BatonConfig project = loader.parse("mcp_servers:\n  a: {url: http://127.0.0.1:1/mcp}\n", FILE);

        BatonConfig merged = user.overrideWith(project);

        assertThat(merged.mcpServers().get("a").url()).isEqualTo("http://127.0.0.1:1/mcp");
        assertThat(merged.mcpServers().get("b").command()).isEqualTo("two");
    }

    @Test
    void both_command_and_url_is_refused_naming_file_line_and_entry() {
        assertThatThrownBy(() -> loader.parse("""
                mcp_servers:
                  ok: {command: node}
                  both:
                    command: node
                    url: http://127.0.0.1:1/mcp
                """, FILE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/p/.baton/config.yaml:3: 'mcp_servers.both' sets both 'command' and 'url'");
    }

    @Test
    void an_entry_without_command_or_url_is_refused() {
        assertThatThrownBy(() -> loader.parse("mcp_servers:\n  x:\n    category: read\n", FILE))
                .hasMessageContaining("config.yaml:2: 'mcp_servers.x' needs 'command' (a stdio server) or 'url'");
    }

    @Test
    void stdio_keys_on_an_http_server_and_headers_on_a_stdio_server_are_refused_by_field() {
        assertThatThrownBy(() -> loader.parse("""
                mcp_servers:
                  h:
                    url: http://127.0.0.1:1/mcp
                    args: [x]
                    cwd: here
                  s:
                    command: node
                    headers: {X-Key: secret-value}
                """, FILE))
                .hasMessageContaining(":2: 'mcp_servers.h.args' is for stdio servers")
                .hasMessageContaining(":2: 'mcp_servers.h.cwd' is for stdio servers")
                .hasMessageContaining(":6: 'mcp_servers.s.headers' is for HTTP servers")
                .message().doesNotContain("secret-value");
    }

    @Test
    void a_bad_url_category_timeout_or_name_is_refused() {
        assertThatThrownBy(() -> loader.parse("""
                mcp_servers:
                  "a.b":
                    url: ftp://example.org/mcp
                    category: admin
                    timeout_seconds: 0
                """, FILE))
                .hasMessageContaining("MCP server name 'a.b' may hold only letters")
                .hasMessageContaining("'mcp_servers.a.b.url' must be an http:// or https:// URL")
                .hasMessageContaining("'mcp_servers.a.b.category' is 'admin': expected read, write, exec or network")
                .hasMessageContaining("'mcp_servers.a.b.timeout_seconds' must be greater than 0");
    }

    @Test
    void an_unknown_key_in_an_entry_is_refused_with_the_known_keys() {
        assertThatThrownBy(() -> loader.parse("mcp_servers:\n  x:\n    command: node\n    argv: [a]\n", FILE))
                .hasMessageContaining("config.yaml:4")
                .hasMessageContaining("unknown key 'argv'");
    }

    @Test
    void given_an_oauth_mapping_when_loaded_then_it_is_bound_with_the_secret_expanded_and_never_shown() {
        BatonConfig c = new ConfigLoader(EnvExpander.of(Map.of("MCP_SECRET", "s3cr3t-value"))).parse("""
                mcp_servers:
                  remote:
                    url: https://mcp.example.org/mcp
                    oauth:
                      client_id: baton-cli
                      client_secret: ${MCP_SECRET}
                      scopes: [mcp:read, mcp:write]
                      redirect_uri: http://127.0.0.1:8765/callback
                """, FILE);

        McpOAuthSettings oauth = c.mcpServers().get("remote").oauthOrDefault();
        assertThat(oauth.clientId()).isEqualTo("baton-cli");
        assertThat(oauth.clientSecret()).isEqualTo("s3cr3t-value");
        assertThat(oauth.scopes()).containsExactly("mcp:read", "mcp:write");
        assertThat(oauth.grantOrDefault()).isEqualTo("authorization_code");
        assertThat(c.mcpServers().get("remote").toString()).contains("baton-cli").doesNotContain("s3cr3t-value");
    }

    @Test
    void bad_oauth_settings_are_refused_by_field_with_file_and_line() {
        assertThatThrownBy(() -> loader.parse("""
                mcp_servers:
                  ok: {command: node}
                  remote:
                    url: https://mcp.example.org/mcp
                    oauth:
                      grant: client_credentials
                      redirect_uri: https://example.org/cb
                      scopes: ["two words"]
                  local:
                    command: node
                    oauth: {client_id: x}
                """, FILE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.yaml:3: 'mcp_servers.remote.oauth' with grant client_credentials needs 'client_id'")
                .hasMessageContaining("config.yaml:3: 'mcp_servers.remote.oauth.redirect_uri' must be a loopback http:// URI")
                .hasMessageContaining("'mcp_servers.remote.oauth.scopes' holds 'two words'")
                .hasMessageContaining("config.yaml:9: 'mcp_servers.local.oauth' is for HTTP servers");
    }

    @Test
    void an_unknown_grant_is_refused_naming_the_field() {
        assertThatThrownBy(() -> loader.parse("""
                mcp_servers:
                  remote:
                    url: https://mcp.example.org/mcp
                    oauth: {grant: password}
                """, FILE))
                .hasMessageContaining("'mcp_servers.remote.oauth.grant' is 'password': expected authorization_code or client_credentials");
    }
}
