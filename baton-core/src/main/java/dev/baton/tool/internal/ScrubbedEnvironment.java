package dev.baton.tool.internal;

import dev.baton.provider.ProviderFactory;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment a sandboxed command gets: the parent's, without anything that looks like a
 * credential. Dropped are names ending in {@code _API_KEY}, {@code _TOKEN}, {@code _SECRET},
 * {@code _PASSWORD}, {@code _SECRET_KEY} or {@code _ACCESS_KEY} (case-insensitive), the AWS
 * credential variables, and every variable a {@link ProviderFactory} reads its key from.
 */
public final class ScrubbedEnvironment {

    private static final String[] SECRET_SUFFIXES = {
            "_API_KEY", "_TOKEN", "_SECRET", "_PASSWORD", "_SECRET_KEY", "_ACCESS_KEY"};
    private static final Set<String> AWS_CREDENTIALS = Set.of(
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
            "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_BEARER_TOKEN_BEDROCK");

    private final Set<String> providerKeys;

    /** Scrubs the rules above plus {@code providerKeyVariables} (matched case-insensitively). */
    public ScrubbedEnvironment(Collection<String> providerKeyVariables) {
        Set<String> keys = new HashSet<>();
        for (String v : providerKeyVariables) keys.add(v.toUpperCase(Locale.ROOT));
        this.providerKeys = Set.copyOf(keys);
    }

    /** The key variables of every provider factory in {@code factories}. */
    public static ScrubbedEnvironment of(Collection<ProviderFactory> factories) {
        Set<String> keys = new HashSet<>();
        for (ProviderFactory f : factories) keys.addAll(f.keyVariables());
        return new ScrubbedEnvironment(keys);
    }

    /** Whether {@code name} names a credential that must not reach a command. */
    public boolean secret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (providerKeys.contains(upper) || AWS_CREDENTIALS.contains(upper)) return true;
        for (String suffix : SECRET_SUFFIXES) {
            if (upper.endsWith(suffix) || upper.equals(suffix.substring(1))) return true;
        }
        return false;
    }

    /** {@code parent} without its secrets, sorted by name. */
    public Map<String, String> apply(Map<String, String> parent) {
        Map<String, String> out = new TreeMap<>();
        parent.forEach((k, v) -> {
            if (!secret(k)) out.put(k, v);
        });
        return out;
    }
}
