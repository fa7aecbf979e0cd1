package dev.baton.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * {@code mcp_servers.NAME.oauth:} how Baton authorizes itself to a Streamable HTTP MCP server
 * that answers 401. Every field is optional: without a {@code client_id} Baton registers itself
 * (dynamic client registration) or uses {@code client_metadata_url} as its client id when the
 * authorization server accepts such documents. {@code grant} is {@code authorization_code} (the
 * default, PKCE) or {@code client_credentials} (needs {@code client_id} and either
 * {@code client_secret} or {@code private_key}). {@link #toString()} never shows the secret or
 * the key.
 */
public record McpOAuthSettings(
        @JsonProperty("client_id") @Nullable String clientId,
        @JsonProperty("client_secret") @Nullable String clientSecret,
        @Nullable List<String> scopes,
        @JsonProperty("redirect_uri") @Nullable String redirectUri,
        @Nullable String grant,
        @JsonProperty("client_metadata_url") @Nullable String clientMetadataUrl,
        @JsonProperty("private_key") @Nullable String privateKey) {

    /** The authorization code grant with PKCE: a user (or an authorization server that needs none) approves. */
    public static final String AUTHORIZATION_CODE = "authorization_code";
    /** The client credentials grant: the client alone, with its secret or private key. */
    public static final String CLIENT_CREDENTIALS = "client_credentials";

    public McpOAuthSettings {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /** Nothing configured: discover, register, authorize with a code. */
    public static McpOAuthSettings none() {
        return new McpOAuthSettings(null, null, null, null, null, null, null);
    }

    /** {@code grant}, {@value #AUTHORIZATION_CODE} when unset. */
    public String grantOrDefault() {
        return grant == null ? AUTHORIZATION_CODE : grant.strip();
    }

    @Override
    public String toString() {
        return "McpOAuthSettings[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? null : "***")
                + ", scopes=" + scopes + ", redirectUri=" + redirectUri + ", grant=" + grant
                + ", clientMetadataUrl=" + clientMetadataUrl + ", privateKey=" + (privateKey == null ? null : "***") + "]";
    }
}
