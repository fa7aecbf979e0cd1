package dev.baton.config.internal;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.McpOAuthSettings;
import dev.baton.config.McpServerSettings;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks each entry of {@code mcp_servers:} in one configuration file: exactly one of
 * {@code command} (stdio) and {@code url} (Streamable HTTP); {@code args}, {@code env} and
 * {@code cwd} only with {@code command}, {@code headers} and {@code oauth} only with {@code url}
 * (a known grant with the credentials it needs, a loopback redirect URI); an
 * {@code http(s)} URL; a known {@code category}; a positive {@code timeout_seconds}; a server
 * name that can prefix tool names. Errors name the file, the entry's line and the field, never a
 * header or environment value.
 */
final class McpServerChecks {

    /** Server names become the {@code NAME.} prefix of tool names, so they follow the tool-name alphabet (no dot). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private McpServerChecks() {
    }

    /**
     * Throws a {@link ConfigException} listing every problem of {@code config}'s {@code mcp_servers},
     * each at the line of its entry's key ({@code lines}, by server name).
     */
    static void check(BatonConfig config, Map<String, Integer> lines, Path source) {
        List<String[]> problems = new ArrayList<>();
        config.mcpServers().forEach((name, s) -> {
            for (String problem : problems(name, s)) problems.add(new String[]{name, problem});
        });
        if (problems.isEmpty()) return;
        List<String> messages = new ArrayList<>();
        for (String[] p : problems) {
            messages.add(ConfigException.at(source, lines.getOrDefault(p[0], -1), -1, p[1]).getMessage());
        }
        throw new ConfigException(String.join("\n", messages));
    }

    /** What is wrong with entry {@code name}, each naming its field; empty when nothing is. */
    static List<String> problems(String name, McpServerSettings s) {
        String at = "'mcp_servers." + name + "'";
        List<String> out = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            out.add("MCP server name '" + name + "' may hold only letters, digits, '_' and '-' (at most 64): it prefixes its tools' names");
        }
        if (s == null) {
            out.add(at + " is empty: set 'command' (a stdio server) or 'url' (a Streamable HTTP server)");
            return out;
        }
        boolean stdio = s.command() != null;
        boolean http = s.url() != null;
        if (stdio && http) out.add(at + " sets both 'command' and 'url': a server is either stdio or Streamable HTTP");
        if (!stdio && !http) out.add(at + " needs 'command' (a stdio server) or 'url' (a Streamable HTTP server)");
        if (stdio && s.command().isBlank()) out.add("'" + "mcp_servers." + name + ".command' is empty");
        if (!stdio) {
            if (!s.args().isEmpty()) out.add("'mcp_servers." + name + ".args' is for stdio servers (set with 'command')");
            if (!s.env().isEmpty()) out.add("'mcp_servers." + name + ".env' is for stdio servers (set with 'command')");
            if (s.cwd() != null) out.add("'mcp_servers." + name + ".cwd' is for stdio servers (set with 'command')");
        }
        if (!http && !s.headers().isEmpty()) {
            out.add("'mcp_servers." + name + ".headers' is for HTTP servers (set with 'url')");
        }
        if (http) urlProblem(s.url()).ifPresent(p -> out.add("'mcp_servers." + name + ".url' " + p));
        if (s.category() != null) {
            // the ids of dev.baton.tool.ToolCategory, spelled out so that config does not depend on tool
            if (!List.of("read", "write", "exec", "network").contains(s.category().strip().toLowerCase(java.util.Locale.ROOT))) {
                out.add("'mcp_servers." + name + ".category' is '" + s.category() + "': expected read, write, exec or network");
            }
        }
        if (s.oauth() != null) {
            if (!http) out.add("'mcp_servers." + name + ".oauth' is for HTTP servers (set with 'url')");
            out.addAll(oauthProblems("mcp_servers." + name + ".oauth", s.oauth()));
        }
        if (s.timeoutSeconds() != null && !(s.timeoutSeconds() > 0)) {
            out.add("'mcp_servers." + name + ".timeout_seconds' must be greater than 0, not " + s.timeoutSeconds());
        }
        return out;
    }

    /** What is wrong with an {@code oauth:} mapping at {@code at}; never shows the secret or the key. */
    private static List<String> oauthProblems(String at, McpOAuthSettings o) {
        List<String> out = new ArrayList<>();
        String grant = o.grantOrDefault();
        if (!List.of(McpOAuthSettings.AUTHORIZATION_CODE, McpOAuthSettings.CLIENT_CREDENTIALS).contains(grant)) {
            out.add("'" + at + ".grant' is '" + grant + "': expected authorization_code or client_credentials");
        }
        if (grant.equals(McpOAuthSettings.CLIENT_CREDENTIALS)
                && (o.clientId() == null || o.clientSecret() == null && o.privateKey() == null)) {
            out.add("'" + at + "' with grant client_credentials needs 'client_id' and 'client_secret' or 'private_key'");
        }
        if (o.clientSecret() != null && o.privateKey() != null) {
            out.add("'" + at + "' sets both 'client_secret' and 'private_key': the client authenticates with one");
        }
        if ((o.clientSecret() != null || o.privateKey() != null) && o.clientId() == null) {
            out.add("'" + at + "' has a secret or key but no 'client_id'");
        }
        if (o.clientId() != null && o.clientId().isBlank()) out.add("'" + at + ".client_id' is empty");
        if (o.clientSecret() != null && o.clientSecret().isEmpty()) {
            out.add("'" + at + ".client_secret' is empty (is its ${VAR} unset?)");
        }
        if (o.privateKey() != null && !o.privateKey().contains("-----BEGIN PRIVATE KEY-----")) {
            out.add("'" + at + ".private_key' must be a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----)");
        }
        if (o.redirectUri() != null) {
            try {
                URI u = new URI(o.redirectUri().strip());
                String host = u.getHost();
                if (!"http".equalsIgnoreCase(u.getScheme())
                        || !("127.0.0.1".equals(host) || "localhost".equalsIgnoreCase(host) || "[::1]".equals(host))) {
                    out.add("'" + at + ".redirect_uri' must be a loopback http:// URI (127.0.0.1, localhost or [::1]), not '"
                            + o.redirectUri() + "'");
                }
            } catch (java.net.URISyntaxException e) {
                out.add("'" + at + ".redirect_uri' is not a URL: " + e.getReason());
            }
        }
        if (o.clientMetadataUrl() != null && !o.clientMetadataUrl().strip().startsWith("https://")) {
            out.add("'" + at + ".client_metadata_url' must be an https:// URL, not '" + o.clientMetadataUrl() + "'");
        }
        for (String scope : o.scopes()) {
            if (scope == null || scope.isBlank() || scope.strip().contains(" ")) {
                out.add("'" + at + ".scopes' holds '" + scope + "': each scope is one word");
            }
        }
        return out;
    }

    private static java.util.Optional<String> urlProblem(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
                return java.util.Optional.of("must be an http:// or https:// URL with a host, not '" + url + "'");
            }
            return java.util.Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return java.util.Optional.of("is not a URL: " + e.getReason());
        }
    }
}
