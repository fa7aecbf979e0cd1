package dev.baton.mcp.internal.oauth;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * Who Baton is to an authorization server: a client id, with a secret or a private key for a
 * confidential client, and how it authenticates at the token endpoint
 * ({@code client_secret_basic}, {@code client_secret_post}, {@code private_key_jwt} or
 * {@code none}). {@link #toString()} hides the secret and the key.
 */
record OAuthClient(String id, @Nullable String secret, @Nullable String privateKey, String authMethod) {

    /** The method for this client at a server supporting {@code supported} (empty: unknown, so RFC 8414's default, basic). */
    static String method(@Nullable String secret, @Nullable String privateKey, List<String> supported) {
        if (privateKey != null) return "private_key_jwt";
        if (secret == null) return "none";
        if (supported.isEmpty() || supported.contains("client_secret_basic")) return "client_secret_basic";
        if (supported.contains("client_secret_post")) return "client_secret_post";
        return "client_secret_basic";
    }

    @Override
    public String toString() {
        return "OAuthClient[id=" + id + ", authMethod=" + authMethod + "]";
    }
}
