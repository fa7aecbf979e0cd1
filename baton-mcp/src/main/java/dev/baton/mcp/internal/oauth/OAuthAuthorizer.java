package dev.baton.mcp.internal.oauth;

import dev.baton.config.McpOAuthSettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Baton's authorization at one MCP server, for the life of the process (tokens are never
 * written anywhere). {@link #recover} answers the server's 401 or 403 {@code insufficient_scope}:
 * refresh when it can, else discover ({@link Discovery}), find a client (configured, a client ID
 * metadata document, or dynamic registration), and obtain a token with the configured grant.
 * Scopes: the challenge's {@code scope}, else the resource's {@code scopes_supported}, plus
 * configured ones and (on step-up) the ones already granted; none at all means no
 * {@code scope} parameter. At most {@link #MAX_ATTEMPTS} authorizations in a row without a
 * request succeeding, so a server that never accepts cannot loop Baton.
 *
 * <p>Authorization code: the request is sent by Baton itself; an authorization server that
 * redirects at once (no user needed) gives the code in its {@code Location}. One that shows a
 * page instead needs a person: the URL is printed on stderr and Baton waits for the browser at
 * its loopback redirect URI until the request's time limit.
 */
public final class OAuthAuthorizer {

    /** Authorizations in a row without a successful request before giving up. */
    static final int MAX_ATTEMPTS = 3;

    private final URI server;
    private final McpOAuthSettings settings;
    private final OAuthHttp http;
    private final Discovery discovery;
    private final TokenEndpoint tokens;
    private final Duration timeout;
    private final PrintStream prompts;

    private volatile TokenEndpoint.@Nullable Tokens current;
    private Discovery.@Nullable Found found;
    private @Nullable OAuthClient client;
    private @Nullable URI registeredRedirect;
    private Set<String> granted = new LinkedHashSet<>();
    private int attempts;
    private int lastPort;

    public OAuthAuthorizer(URI server, McpOAuthSettings settings, Duration timeout, PrintStream prompts) {
        this.server = server;
        this.settings = settings;
        this.timeout = timeout;
        this.prompts = prompts;
        this.http = new OAuthHttp(timeout);
        this.discovery = new Discovery(http);
        this.tokens = new TokenEndpoint(http);
    }

    /** The Authorization header value for the next request, or null before any authorization. */
    public @Nullable String authorization() {
        TokenEndpoint.Tokens t = current;
        return t == null ? null : "Bearer " + t.access();
    }

    /** A request with a token succeeded: the attempts count starts again. */
    public synchronized void succeeded() {
        attempts = 0;
    }

    /**
     * Obtains a new token after the server answered {@code status} (401, or 403 with
     * {@code insufficient_scope}) to a request sent with {@code sent} (its Authorization value
     * or null). Returns normally when the request should be sent again with {@link #authorization()}.
     */
    public synchronized void recover(int status, List<String> wwwAuthenticate, @Nullable String sent)
            throws OAuthException, InterruptedException {
        String now = authorization();
        if (now != null && !now.equals(sent)) return; // another request has already obtained a newer token
        if (attempts >= MAX_ATTEMPTS) {
            throw new OAuthException("the MCP server " + server + " still refuses Baton's token after " + MAX_ATTEMPTS
                    + " authorizations (HTTP " + status + "); giving up");
        }
        attempts++;
        BearerChallenge challenge = BearerChallenge.parse(wwwAuthenticate);
        TokenEndpoint.Tokens held = current;
        if (status == 401 && held != null && held.refresh() != null && found != null && client != null) {
            try {
                current = refresh(held);
                return;
            } catch (OAuthException e) {
                // the refresh token is spent or revoked: authorize from the start below
            }
        }
        if (found == null || challenge.resourceMetadata() != null) found = discovery.discover(server, challenge);
        Set<String> scopes = scopes(challenge, status == 403);
        current = McpOAuthSettings.CLIENT_CREDENTIALS.equals(settings.grantOrDefault())
                ? clientCredentials(found, scopes)
                : authorizationCode(found, scopes);
        granted = scopes;
    }

    private Set<String> scopes(BearerChallenge challenge, boolean stepUp) {
        Set<String> scopes = new LinkedHashSet<>();
        if (stepUp) scopes.addAll(granted);
        if (challenge.scope() != null) {
            for (String s : challenge.scope().trim().split("\\s+")) if (!s.isEmpty()) scopes.add(s);
        } else if (found != null && !stepUp) {
            scopes.addAll(found.scopesSupported());
        }
        scopes.addAll(settings.scopes());
        return scopes;
    }

    private TokenEndpoint.Tokens refresh(TokenEndpoint.Tokens held) throws OAuthException, InterruptedException {
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "refresh_token");
        grant.put("refresh_token", String.valueOf(held.refresh()));
        if (found.resource() != null) grant.put("resource", found.resource());
        TokenEndpoint.Tokens fresh = tokens.request(found.server(), client, grant);
        // a server may keep the refresh token unchanged and not send it again
        return fresh.refresh() != null ? fresh : new TokenEndpoint.Tokens(fresh.access(), held.refresh(), fresh.expires(), fresh.scope());
    }

    private TokenEndpoint.Tokens clientCredentials(Discovery.Found f, Set<String> scopes)
            throws OAuthException, InterruptedException {
        if (settings.clientId() == null || settings.clientSecret() == null && settings.privateKey() == null) {
            throw new OAuthException("the client_credentials grant needs a client id and a client secret or private key");
        }
        client = new OAuthClient(settings.clientId(), settings.clientSecret(), settings.privateKey(),
                OAuthClient.method(settings.clientSecret(), settings.privateKey(), f.server().tokenEndpointAuthMethods()));
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "client_credentials");
        if (!scopes.isEmpty()) grant.put("scope", String.join(" ", scopes));
        if (f.resource() != null) grant.put("resource", f.resource());
        return tokens.request(f.server(), client, grant);
    }

    private TokenEndpoint.Tokens authorizationCode(Discovery.Found f, Set<String> scopes)
            throws OAuthException, InterruptedException {
        AuthServerMetadata as = f.server();
        if (as.authorizationEndpoint() == null) {
            throw new OAuthException("the authorization server " + as.issuer() + " has no authorization endpoint");
        }
        URI configuredRedirect = settings.redirectUri() == null ? null : URI.create(settings.redirectUri());
        try (LoopbackRedirect redirect = LoopbackRedirect.open(configuredRedirect, lastPort)) {
            lastPort = redirect.port();
            OAuthClient c = client(as, redirect.uri());
            Pkce pkce = Pkce.create();
            String state = Pkce.randomToken();
            Map<String, String> query = new LinkedHashMap<>();
            query.put("response_type", "code");
            query.put("client_id", c.id());
            query.put("redirect_uri", redirect.uri().toString());
            query.put("state", state);
            query.put("code_challenge", pkce.challenge());
            query.put("code_challenge_method", "S256");
            if (!scopes.isEmpty()) query.put("scope", String.join(" ", scopes));
            if (f.resource() != null) query.put("resource", f.resource());
            String sep = as.authorizationEndpoint().getRawQuery() == null ? "?" : "&";
            URI request = URI.create(as.authorizationEndpoint() + sep + OAuthHttp.formEncode(query));
            Map<String, String> answer = Query.parse(callback(request, redirect).getRawQuery());
            if (answer.get("error") != null) {
                throw new OAuthException("the authorization server refused: " + answer.get("error")
                        + (answer.get("error_description") == null ? "" : ": " + answer.get("error_description")));
            }
            if (!state.equals(answer.get("state"))) {
                throw new OAuthException("the authorization response's state does not match Baton's request; ignored");
            }
            String code = answer.get("code");
            if (code == null) throw new OAuthException("the authorization response carries no code");
            Map<String, String> grant = new LinkedHashMap<>();
            grant.put("grant_type", "authorization_code");
            grant.put("code", code);
            grant.put("redirect_uri", redirect.uri().toString());
            grant.put("code_verifier", pkce.verifier());
            if (f.resource() != null) grant.put("resource", f.resource());
            return tokens.request(as, c, grant);
        }
    }

    /** Where the authorization server sent the browser back: its immediate redirect, else the user's browser at the loopback listener. */
    private URI callback(URI request, LoopbackRedirect redirect) throws OAuthException, InterruptedException {
        HttpResponse<String> r;
        try {
            r = http.getNoRedirect(request);
        } catch (IOException e) {
            throw new OAuthException("the authorization endpoint cannot be reached: " + e.getMessage(), e);
        }
        String location = r.headers().firstValue("Location").orElse(null);
        if (r.statusCode() / 100 == 3 && location != null) {
            URI to = request.resolve(location);
            URI expected = redirect.uri();
            if (expected.getPath().equals(to.getPath()) && expected.getPort() == to.getPort()) return to;
        }
        prompts.println("MCP server " + server + " asks for authorization. Open this URL in a browser to allow Baton:");
        prompts.println("  " + request);
        try {
            return redirect.callback().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OAuthException("no authorization arrived at " + redirect.uri() + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new OAuthException("the redirect listener failed: " + e.getCause().getMessage(), e);
        }
    }

    /** The configured client, a client ID metadata document URL, or one registered now for {@code redirect}. */
    private OAuthClient client(AuthServerMetadata as, URI redirect) throws OAuthException, InterruptedException {
        if (settings.clientId() != null) {
            return new OAuthClient(settings.clientId(), settings.clientSecret(), settings.privateKey(),
                    OAuthClient.method(settings.clientSecret(), settings.privateKey(), as.tokenEndpointAuthMethods()));
        }
        if (settings.clientMetadataUrl() != null && as.clientIdMetadataDocuments()) {
            return new OAuthClient(settings.clientMetadataUrl(), null, null, "none");
        }
        if (client != null && redirect.equals(registeredRedirect)) return client;
        if (as.registrationEndpoint() == null) {
            throw new OAuthException("the authorization server " + as.issuer() + " offers no dynamic client registration:"
                    + " configure a client id (oauth.client_id, --oauth-client-id)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", "Baton");
        body.put("redirect_uris", List.of(redirect.toString()));
        body.put("grant_types", List.of("authorization_code", "refresh_token"));
        body.put("response_types", List.of("code"));
        List<String> methods = as.tokenEndpointAuthMethods();
        body.put("token_endpoint_auth_method", methods.isEmpty() || methods.contains("none") ? "none"
                : methods.contains("client_secret_basic") ? "client_secret_basic" : methods.getFirst());
        HttpResponse<String> r;
        try {
            r = http.postJson(as.registrationEndpoint(), body);
        } catch (IOException e) {
            throw new OAuthException("the registration endpoint cannot be reached: " + e.getMessage(), e);
        }
        JsonNode answer = OAuthHttp.parse(r.body());
        String id = OAuthHttp.text(answer, "client_id");
        if (r.statusCode() / 100 != 2 || id == null) {
            throw new OAuthException("dynamic client registration failed (HTTP " + r.statusCode() + ")"
                    + (OAuthHttp.text(answer, "error") == null ? "" : ": " + OAuthHttp.text(answer, "error")));
        }
        String secret = OAuthHttp.text(answer, "client_secret");
        String method = OAuthHttp.text(answer, "token_endpoint_auth_method");
        client = new OAuthClient(id, secret, null, method != null ? method : OAuthClient.method(secret, null, methods));
        registeredRedirect = redirect;
        return client;
    }
}
