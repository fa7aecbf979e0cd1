package dev.baton.cli;

import dev.baton.config.McpOAuthSettings;
import dev.baton.config.McpServerSettings;
import dev.baton.mcp.Elicitation;
import dev.baton.mcp.McpServers;
import dev.baton.mcp.McpToolSource;
import picocli.CommandLine.Option;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code --mcp-url URL} / {@code --mcp-command 'CMD ARGS'}: one MCP server named on the command
 * line, used alone, without configuration. Its tools are named {@code mcp.TOOL} for permissions
 * and the audit log ({@link #SERVER}), and {@code tools call} also accepts the server's own name
 * for a tool.
 */
final class AdHocMcpServer {

    /** The name the server gets: its tools are {@code mcp.TOOL}, its source {@code mcp:mcp}. */
    static final String SERVER = "mcp";

    @Option(names = "--mcp-url", paramLabel = "URL",
            description = "use only the Streamable HTTP MCP server at URL (no configuration needed)")
    String url;

    @Option(names = "--mcp-command", paramLabel = "'CMD ARGS'",
            description = "use only the stdio MCP server started by this command line (quoted words, no shell)")
    String command;

    /** The server's tool source, or null when neither option was given. */
    McpToolSource source(CliEnvironment env, Elicitation elicitation) {
        return source(env, elicitation, McpOAuthSettings.none());
    }

    /** {@link #source(CliEnvironment, Elicitation)} authorizing an HTTP server with {@code oauth} when it asks. */
    McpToolSource source(CliEnvironment env, Elicitation elicitation, McpOAuthSettings oauth) {
        if (url != null) {
            URI uri;
            try {
                uri = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--mcp-url: not a URL: " + url + " (" + e.getMessage() + ")");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new UsageException("--mcp-url: expected an http:// or https:// URL, got: " + url);
            }
            return McpServers.of(SERVER, McpServerSettings.http(uri.toString(), Map.of()).withOAuth(oauth), Map.of(), env.workingDir(),
                    elicitation);
        }
        if (command != null) {
            List<String> argv;
            try {
                argv = ShellWords.split(command);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--mcp-command: " + e.getMessage());
            }
            if (argv.isEmpty()) throw new UsageException("--mcp-command: the command line is empty");
            return McpServers.of(SERVER, McpServerSettings.stdio(argv), env.env(), env.workingDir(), elicitation);
        }
        return null;
    }
}
