package dev.baton.mcp;

import dev.baton.config.McpServerSettings;
import dev.baton.mcp.internal.McpEndpoint;
import dev.baton.mcp.internal.ServerEnvironment;
import dev.baton.mcp.internal.oauth.OAuthAuthorizer;
import dev.baton.tool.ToolCategory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tool sources for single MCP servers, with or without configuration: {@link #stdio} and
 * {@link #http} serve {@code baton tools call --mcp-command/--mcp-url}; {@link #of} turns one
 * {@code mcp_servers:} entry into a source. Nothing starts until the source's tools are first
 * asked for.
 */
public final class McpServers {

    private McpServers() {
    }

    /**
     * A source for the stdio server started as {@code argv} (program first, no shell) in the
     * current folder, with this process's environment less credentials; category {@code exec}.
     */
    public static McpToolSource stdio(String name, List<String> argv) {
        return of(name, McpServerSettings.stdio(argv), System.getenv(), Path.of("").toAbsolutePath());
    }

    /** A source for the Streamable HTTP server at {@code url}, sending {@code headers} on every request; category {@code exec}. */
    public static McpToolSource http(String name, URI url, Map<String, String> headers) {
        return of(name, McpServerSettings.http(url.toString(), headers), Map.of(), Path.of("").toAbsolutePath());
    }

    /**
     * A source for the configured server {@code name}: a stdio server inherits {@code env} less
     * credentials, plus its own {@code env}, and runs in its {@code cwd} resolved against
     * {@code workspace} (the workspace itself by default).
     */
    public static McpToolSource of(String name, McpServerSettings settings, Map<String, String> env, Path workspace) {
        return of(name, settings, env, workspace, Elicitation.UNSUPPORTED);
    }

    /**
     * {@link #of(String, McpServerSettings, Map, Path)} answering the server's elicitation
     * requests as {@code elicitation} says (only an explicit user choice should pass
     * {@link Elicitation#ACCEPT_DEFAULTS}).
     */
    public static McpToolSource of(String name, McpServerSettings settings, Map<String, String> env, Path workspace,
                                   Elicitation elicitation) {
        ToolCategory category = ToolCategory.parse(settings.categoryOrDefault());
        Duration timeout = Duration.ofMillis(Math.round(settings.timeoutSecondsOrDefault() * 1000));
        McpEndpoint endpoint;
        if (settings.isStdio()) {
            List<String> argv = new ArrayList<>();
            argv.add(settings.command());
            argv.addAll(settings.args());
            Path cwd = settings.cwd() == null ? workspace : workspace.resolve(settings.cwd()).normalize();
            endpoint = new McpEndpoint.Stdio(argv, ServerEnvironment.of(env, settings.env()), cwd);
        } else {
            URI url = URI.create(settings.url().strip());
            // a configured Authorization header is the user's own scheme: Baton does not replace it with OAuth
            boolean ownAuthorization = settings.headers().keySet().stream().anyMatch("Authorization"::equalsIgnoreCase);
            OAuthAuthorizer oauth = ownAuthorization ? null
                    : new OAuthAuthorizer(url, settings.oauthOrDefault(), timeout, System.err);
            endpoint = new McpEndpoint.Http(url, settings.headers(), oauth);
        }
        return new McpToolSource(name, endpoint, category, timeout, elicitation);
    }
}
