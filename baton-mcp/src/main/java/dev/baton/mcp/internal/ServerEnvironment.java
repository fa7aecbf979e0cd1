package dev.baton.mcp.internal;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a stdio MCP server starts with: Baton's own without credentials (provider keys,
 * {@code *_API_KEY}, {@code *_TOKEN}, {@code *_SECRET*}, {@code *_PASSWORD}, AWS keys), then the
 * server's configured {@code env}, which wins: a key the user hands to one server on purpose.
 */
public final class ServerEnvironment {

    private ServerEnvironment() {
    }

    public static Map<String, String> of(Map<String, String> inherited, Map<String, String> configured) {
        Map<String, String> out = new TreeMap<>();
        inherited.forEach((k, v) -> {
            if (!isCredential(k)) out.put(k, v);
        });
        out.putAll(configured);
        return out;
    }

    /** Whether a variable of this name is likely to hold a credential. */
    public static boolean isCredential(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.endsWith("_API_KEY") || n.endsWith("_TOKEN") || n.contains("_SECRET") || n.endsWith("_PASSWORD")
                || n.equals("AWS_ACCESS_KEY_ID") || n.startsWith("BATON_CREDENTIAL") || n.endsWith("_KEY_ID")
                || n.equals("API_KEY") || n.equals("TOKEN");
    }
}
