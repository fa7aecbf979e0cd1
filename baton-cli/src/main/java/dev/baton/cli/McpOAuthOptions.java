package dev.baton.cli;

import dev.baton.config.McpOAuthSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code --oauth-*}: how Baton authorizes itself to the {@code --mcp-url} server when it answers
 * 401, the command-line twin of {@code mcp_servers.NAME.oauth:}. Secrets and keys are read from
 * environment variables named on the command line, never given on it.
 */
final class McpOAuthOptions {

    @Option(names = "--oauth-client-id", paramLabel = "ID",
            description = "with --mcp-url: a pre-registered OAuth client id (default: register dynamically)")
    @Nullable String clientId;

    @Option(names = "--oauth-client-secret-env", paramLabel = "VAR",
            description = "with --mcp-url: the environment variable holding the OAuth client secret")
    @Nullable String clientSecretEnv;

    @Option(names = "--oauth-private-key-env", paramLabel = "VAR",
            description = "with --mcp-url: the environment variable holding a PKCS#8 PEM key for private_key_jwt")
    @Nullable String privateKeyEnv;

    @Option(names = "--oauth-scopes", paramLabel = "'S1 S2'",
            description = "with --mcp-url: scopes to ask for besides the ones the server names")
    @Nullable String scopes;

    @Option(names = "--oauth-grant", paramLabel = "GRANT",
            description = "with --mcp-url: authorization_code (default, PKCE) or client_credentials")
    @Nullable String grant;

    @Option(names = "--oauth-client-metadata-url", paramLabel = "URL",
            description = "with --mcp-url: Baton's client ID metadata document, used as client id where the server accepts one")
    @Nullable String clientMetadataUrl;

    @Option(names = "--oauth-redirect-uri", paramLabel = "URI",
            description = "with --mcp-url: the loopback redirect URI (default http://127.0.0.1:<free port>/callback)")
    @Nullable String redirectUri;

    /** Whether any option was given. */
    boolean given() {
        return clientId != null || clientSecretEnv != null || privateKeyEnv != null || scopes != null || grant != null
                || clientMetadataUrl != null || redirectUri != null;
    }

    /** The settings, with secrets read from {@code env}; a usage error names the option at fault. */
    McpOAuthSettings settings(Map<String, String> env) {
        String secret = fromEnv("--oauth-client-secret-env", clientSecretEnv, env);
        String key = fromEnv("--oauth-private-key-env", privateKeyEnv, env);
        if (grant != null && !List.of(McpOAuthSettings.AUTHORIZATION_CODE, McpOAuthSettings.CLIENT_CREDENTIALS).contains(grant)) {
            throw new UsageException("--oauth-grant: expected authorization_code or client_credentials, got: " + grant);
        }
        if (McpOAuthSettings.CLIENT_CREDENTIALS.equals(grant) && (clientId == null || secret == null && key == null)) {
            throw new UsageException("--oauth-grant client_credentials needs --oauth-client-id and"
                    + " --oauth-client-secret-env or --oauth-private-key-env");
        }
        if (redirectUri != null && !redirectUri.startsWith("http://")) {
            throw new UsageException("--oauth-redirect-uri: expected a loopback http:// URI, got: " + redirectUri);
        }
        List<String> scopeList = scopes == null ? null : Arrays.stream(scopes.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        return new McpOAuthSettings(clientId, secret, scopeList, redirectUri, grant, clientMetadataUrl, key);
    }

    private static @Nullable String fromEnv(String option, @Nullable String var, Map<String, String> env) {
        if (var == null) return null;
        String value = env.get(var);
        if (value == null || value.isEmpty()) throw new UsageException(option + ": the environment variable " + var + " is not set");
        return value;
    }
}
