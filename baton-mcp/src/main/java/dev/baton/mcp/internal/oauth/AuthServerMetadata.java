package dev.baton.mcp.internal.oauth;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What Baton uses of an authorization server's metadata (RFC 8414 / OpenID discovery): its
 * endpoints, the token endpoint authentication methods and grants it supports, and whether it
 * accepts a URL as client id (a client ID metadata document).
 */
record AuthServerMetadata(
        URI issuer,
        @Nullable URI authorizationEndpoint,
        URI tokenEndpoint,
        @Nullable URI registrationEndpoint,
        List<String> tokenEndpointAuthMethods,
        boolean clientIdMetadataDocuments) {

    static AuthServerMetadata parse(URI issuer, JsonNode json) throws OAuthException {
        String token = OAuthHttp.text(json, "token_endpoint");
        if (token == null) throw new OAuthException("the authorization server metadata of " + issuer + " has no token_endpoint");
        String authorize = OAuthHttp.text(json, "authorization_endpoint");
        String register = OAuthHttp.text(json, "registration_endpoint");
        String iss = OAuthHttp.text(json, "issuer");
        List<String> methods = new ArrayList<>();
        json.path("token_endpoint_auth_methods_supported").forEach(m -> methods.add(m.asString()));
        return new AuthServerMetadata(iss == null ? issuer : URI.create(iss), authorize == null ? null : URI.create(authorize),
                URI.create(token), register == null ? null : URI.create(register), List.copyOf(methods),
                json.path("client_id_metadata_document_supported").asBoolean(false));
    }

    /** The endpoints the 2025-03-26 MCP revision assumes when a server publishes no metadata: /authorize, /token, /register at its origin. */
    static AuthServerMetadata defaultsAt(URI origin) {
        return new AuthServerMetadata(origin, origin.resolve("/authorize"), origin.resolve("/token"),
                origin.resolve("/register"), List.of(), false);
    }
}
