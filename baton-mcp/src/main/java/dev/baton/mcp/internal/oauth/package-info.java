/**
 * Baton's OAuth 2.1 client for MCP servers that ask for authorization: the server's 401 or 403
 * challenge, protected resource and authorization server metadata discovery, client
 * registration, the authorization code grant with PKCE, the client credentials grant, refresh,
 * and the bearer token on every request. Tokens are held in memory only and never logged.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.mcp.internal.oauth;

import org.jspecify.annotations.NullMarked;
