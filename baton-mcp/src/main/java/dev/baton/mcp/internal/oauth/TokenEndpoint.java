package dev.baton.mcp.internal.oauth;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token requests (RFC 6749 §3.2) with the client's authentication method, and their answers.
 * An error answer becomes an {@link OAuthException} with the server's {@code error} and
 * description; the tokens themselves never appear in a message.
 */
final class TokenEndpoint {

    /** An access token with what came with it; {@link #toString()} shows neither token. */
    record Tokens(String access, @Nullable String refresh, @Nullable Instant expires, @Nullable String scope) {
        @Override
        public String toString() {
            return "Tokens[expires=" + expires + ", scope=" + scope + "]";
        }
    }

    private final OAuthHttp http;

    TokenEndpoint(OAuthHttp http) {
        this.http = http;
    }

    Tokens request(AuthServerMetadata server, OAuthClient client, Map<String, String> grant)
            throws OAuthException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>(grant);
        String basic = null;
        switch (client.authMethod()) {
            case "client_secret_basic" -> basic = "Basic " + Base64.getEncoder().encodeToString(
                    (OAuthHttp.encode(client.id()) + ":" + OAuthHttp.encode(String.valueOf(client.secret())))
                            .getBytes(StandardCharsets.UTF_8));
            case "client_secret_post" -> {
                form.put("client_id", client.id());
                form.put("client_secret", String.valueOf(client.secret()));
            }
            case "private_key_jwt" -> {
                form.put("client_id", client.id());
                form.put("client_assertion_type", ClientAssertion.TYPE);
                form.put("client_assertion", ClientAssertion.sign(String.valueOf(client.privateKey()), client.id(),
                        server.issuer().toString()));
            }
            default -> form.put("client_id", client.id());
        }
        HttpResponse<String> r;
        try {
            r = http.postForm(server.tokenEndpoint(), form, basic);
        } catch (IOException e) {
            throw new OAuthException("the token endpoint " + server.tokenEndpoint() + " cannot be reached: " + e.getMessage(), e);
        }
        JsonNode body = OAuthHttp.parse(r.body());
        if (r.statusCode() / 100 != 2) {
            String error = OAuthHttp.text(body, "error");
            String description = OAuthHttp.text(body, "error_description");
            throw new OAuthException("the token endpoint refused the " + grant.get("grant_type") + " grant (HTTP "
                    + r.statusCode() + (error == null ? "" : ", " + error) + (description == null ? "" : ": " + description) + ")");
        }
        String access = OAuthHttp.text(body, "access_token");
        if (access == null) throw new OAuthException("the token endpoint's answer has no access_token");
        String type = OAuthHttp.text(body, "token_type");
        if (type != null && !type.equalsIgnoreCase("bearer")) {
            throw new OAuthException("the token endpoint issued a '" + type + "' token; Baton uses bearer tokens only");
        }
        JsonNode expiresIn = body.get("expires_in");
        Instant expires = expiresIn != null && expiresIn.isNumber() ? Instant.now().plusSeconds(expiresIn.asLong()) : null;
        return new Tokens(access, OAuthHttp.text(body, "refresh_token"), expires, OAuthHttp.text(body, "scope"));
    }
}
