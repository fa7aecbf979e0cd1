package dev.baton.mcp.internal.oauth;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds who authorizes access to an MCP server. Protected resource metadata (RFC 9728) first:
 * the {@code resource_metadata} URL of the server's challenge, else the path-based well-known
 * URL, then the root one. Its {@code resource} must name this server (else Baton stops: a token
 * for another resource must not be requested). Then the first authorization server's metadata
 * in the order the MCP specification gives: for an issuer with a path, OAuth metadata with the
 * path inserted, OpenID configuration with the path inserted, then appended; without a path,
 * OAuth metadata then OpenID configuration. A server without protected resource metadata is
 * treated as the 2025-03-26 revision did: its origin is the authorization server, with default
 * endpoints when it publishes no metadata either.
 */
final class Discovery {

    /** What discovery found: the resource to name in requests (null for a 2025-03-26 server), its scopes, the authorization server. */
    record Found(@Nullable String resource, List<String> scopesSupported, AuthServerMetadata server) {
    }

    private final OAuthHttp http;

    Discovery(OAuthHttp http) {
        this.http = http;
    }

    Found discover(URI server, BearerChallenge challenge) throws OAuthException, InterruptedException {
        JsonNode prm = null;
        for (URI url : resourceMetadataUrls(server, challenge)) {
            prm = http.getJson(url);
            if (prm != null) break;
        }
        if (prm == null) {
            URI origin = origin(server);
            return new Found(null, List.of(), authServer(origin, true));
        }
        String resource = OAuthHttp.text(prm, "resource");
        if (resource == null) throw new OAuthException("the protected resource metadata of " + server + " names no resource");
        if (!covers(resource, server)) {
            throw new OAuthException("the protected resource metadata of " + server + " is for another resource ("
                    + resource + "): Baton does not ask for a token for it");
        }
        JsonNode servers = prm.path("authorization_servers");
        if (!servers.isArray() || servers.isEmpty() || !servers.get(0).isString()) {
            throw new OAuthException("the protected resource metadata of " + server + " names no authorization server");
        }
        List<String> scopes = new ArrayList<>();
        prm.path("scopes_supported").forEach(s -> scopes.add(s.asString()));
        return new Found(resource, List.copyOf(scopes), authServer(URI.create(servers.get(0).asString()), false));
    }

    private AuthServerMetadata authServer(URI issuer, boolean legacy) throws OAuthException, InterruptedException {
        for (URI url : authServerMetadataUrls(issuer)) {
            JsonNode json = http.getJson(url);
            if (json != null) return AuthServerMetadata.parse(issuer, json);
        }
        if (legacy) return AuthServerMetadata.defaultsAt(issuer);
        throw new OAuthException("the authorization server " + issuer + " publishes no OAuth or OpenID metadata");
    }

    /** Where to look for protected resource metadata, in order. */
    static List<URI> resourceMetadataUrls(URI server, BearerChallenge challenge) {
        List<URI> urls = new ArrayList<>();
        if (challenge.resourceMetadata() != null) urls.add(server.resolve(challenge.resourceMetadata()));
        String path = trimmedPath(server);
        if (!path.isEmpty()) urls.add(origin(server).resolve("/.well-known/oauth-protected-resource" + path));
        urls.add(origin(server).resolve("/.well-known/oauth-protected-resource"));
        return urls;
    }

    /** Where to look for an authorization server's metadata, in order. */
    static List<URI> authServerMetadataUrls(URI issuer) {
        URI origin = origin(issuer);
        String path = trimmedPath(issuer);
        if (path.isEmpty()) {
            return List.of(origin.resolve("/.well-known/oauth-authorization-server"),
                    origin.resolve("/.well-known/openid-configuration"));
        }
        return List.of(origin.resolve("/.well-known/oauth-authorization-server" + path),
                origin.resolve("/.well-known/openid-configuration" + path),
                origin.resolve(path + "/.well-known/openid-configuration"));
    }

    /**
     * Whether a token for {@code resource} may be used at {@code server}: same scheme, host and
     * port, and the server's path within the resource's.
     */
    static boolean covers(String resource, URI server) {
        URI r;
        try {
            r = URI.create(resource);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (r.getScheme() == null || r.getHost() == null || r.getFragment() != null) return false;
        if (!r.getScheme().equalsIgnoreCase(server.getScheme())) return false;
        if (!r.getHost().equalsIgnoreCase(server.getHost())) return false;
        if (port(r) != port(server)) return false;
        String rp = trimmedPath(r);
        String sp = trimmedPath(server);
        return rp.isEmpty() || sp.equals(rp) || sp.startsWith(rp + "/");
    }

    private static int port(URI u) {
        if (u.getPort() != -1) return u.getPort();
        return "https".equals(u.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    static URI origin(URI u) {
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + "/");
    }

    /** The path without a trailing slash; empty for the root. */
    private static String trimmedPath(URI u) {
        String p = u.getRawPath() == null ? "" : u.getRawPath();
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p;
    }
}
