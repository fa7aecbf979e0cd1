package dev.baton.config;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of {@code mcp_servers:}: an MCP server Baton starts over stdio ({@code command},
 * {@code args}, {@code env}, {@code cwd}) or reaches over Streamable HTTP ({@code url},
 * {@code headers}, and {@code oauth} for a server that asks for authorization), with the category
 * its tools get and the longest one request to it may take.
 * Strings have {@code ${VAR}} expanded when the file is read. {@link #toString()} never shows
 * the values of {@code env} or {@code headers}: they often carry credentials.
 */
public record McpServerSettings(
        String command,
        List<String> args,
        Map<String, String> env,
        String cwd,
        String url,
        Map<String, String> headers,
        String category,
        @JsonProperty("timeout_seconds") Double timeoutSeconds,
        McpOAuthSettings oauth) {

    /** The category its tools get when none is configured. */
    public static final String DEFAULT_CATEGORY = "exec";
    /** How long one request (start-up, listing, a call) may take when no timeout is configured. */
    public static final double DEFAULT_TIMEOUT_SECONDS = 60;

    public McpServerSettings {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** An entry without {@code oauth:} settings (Baton still authorizes itself when the server asks). */
    public McpServerSettings(String command, List<String> args, Map<String, String> env, String cwd, String url,
                             Map<String, String> headers, String category, Double timeoutSeconds) {
        this(command, args, env, cwd, url, headers, category, timeoutSeconds, null);
    }

    /** A copy with {@code oauth} settings. */
    public McpServerSettings withOAuth(McpOAuthSettings oauth) {
        return new McpServerSettings(command, args, env, cwd, url, headers, category, timeoutSeconds, oauth);
    }

    /** The {@code oauth:} settings, {@link McpOAuthSettings#none()} when unset. */
    public McpOAuthSettings oauthOrDefault() {
        return oauth == null ? McpOAuthSettings.none() : oauth;
    }

    /** A server started as a child process speaking MCP on stdin/stdout. */
    public static McpServerSettings stdio(List<String> argv) {
        if (argv.isEmpty()) throw new IllegalArgumentException("an MCP server command needs at least the program");
        return new McpServerSettings(argv.getFirst(), argv.subList(1, argv.size()), null, null, null, null, null, null);
    }

    /** A server reached over Streamable HTTP at {@code url}. */
    public static McpServerSettings http(String url, Map<String, String> headers) {
        return new McpServerSettings(null, null, null, null, url, headers, null, null);
    }

    /** Whether this server is a child process (else an HTTP endpoint). */
    public boolean isStdio() {
        return command != null;
    }

    /** The category id, {@value #DEFAULT_CATEGORY} when unset. */
    public String categoryOrDefault() {
        return category == null ? DEFAULT_CATEGORY : category;
    }

    /** The timeout in seconds, {@value #DEFAULT_TIMEOUT_SECONDS} when unset. */
    public double timeoutSecondsOrDefault() {
        return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    @Override
    public String toString() {
        return "McpServerSettings[" + (isStdio() ? "command=" + command + ", args=" + args : "url=" + url)
                + ", env=" + redacted(env) + ", headers=" + redacted(headers) + ", cwd=" + cwd
                + ", category=" + category + ", timeoutSeconds=" + timeoutSeconds + ", oauth=" + oauth + "]";
    }

    private static Map<String, String> redacted(Map<String, String> values) {
        Map<String, String> out = new TreeMap<>();
        values.keySet().forEach(k -> out.put(k, "***"));
        return out;
    }
}
