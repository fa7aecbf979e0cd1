package dev.baton.mcp.internal.oauth;

import dev.baton.config.McpOAuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OAuthAuthorizerTest {

    private final AuthServerFixture fixture = new AuthServerFixture();
    private final ByteArrayOutputStream prompts = new ByteArrayOutputStream();
    private final OAuthAuthorizer authorizer = new OAuthAuthorizer(fixture.mcp(), McpOAuthSettings.none(),
            Duration.ofSeconds(30), new PrintStream(prompts, true, StandardCharsets.UTF_8));

    OAuthAuthorizerTest() throws Exception {
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void given_a_401_when_recovering_then_discovery_registration_and_a_pkce_code_exchange_give_a_bearer_token()
            throws Exception {
        authorizer.recover(401, List.of("Bearer error=\"invalid_token\""), null);

        assertThat(authorizer.authorization()).isEqualTo("Bearer tok-1");
        assertThat(fixture.paths).containsSubsequence("GET /.well-known/oauth-protected-resource/mcp",
                "GET /.well-known/oauth-authorization-server", "POST /register", "GET /authorize", "POST /token");
        Map<String, String> token = fixture.tokenRequests.getFirst();
        assertThat(token).containsEntry("grant_type", "authorization_code").containsEntry("client_id", "registered-1")
                .containsEntry("resource", fixture.base + "/mcp").containsKey("code_verifier");
        assertThat(prompts.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void given_a_token_when_the_server_answers_401_again_then_the_refresh_token_is_used_not_a_new_authorization()
            throws Exception {
        authorizer.recover(401, List.of(), null);

        authorizer.recover(401, List.of(), "Bearer tok-1");

        assertThat(authorizer.authorization()).isEqualTo("Bearer tok-2");
        assertThat(fixture.tokenRequests.get(1)).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", "ref-1");
        assertThat(fixture.paths.stream().filter(p -> p.equals("GET /authorize"))).hasSize(1);
    }

    @Test
    void given_a_token_another_request_already_renewed_when_recovering_then_nothing_is_asked_again() throws Exception {
        authorizer.recover(401, List.of(), null);
        int before = fixture.paths.size();

        authorizer.recover(401, List.of(), "Bearer an-older-token");

        assertThat(fixture.paths).hasSize(before);
        assertThat(authorizer.authorization()).isEqualTo("Bearer tok-1");
    }

    @Test
    void given_a_server_that_keeps_refusing_then_the_fourth_authorization_in_a_row_is_not_attempted() throws Exception {
        String sent = null;
        for (int i = 0; i < OAuthAuthorizer.MAX_ATTEMPTS; i++) {
            authorizer.recover(403, List.of("Bearer error=\"insufficient_scope\", scope=\"admin\""), sent);
            sent = authorizer.authorization();
        }
        String last = sent;

        assertThatThrownBy(() -> authorizer.recover(403, List.of("Bearer error=\"insufficient_scope\""), last))
                .isInstanceOf(OAuthException.class).hasMessageContaining("giving up").hasMessageNotContaining("tok-");
    }

    @Test
    void given_an_authorization_server_that_shows_a_page_then_the_url_is_printed_and_the_browsers_redirect_completes_it()
            throws Exception {
        fixture.interactive = true;
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try {
                authorizer.recover(401, List.of(), null);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!prompts.toString(StandardCharsets.UTF_8).contains("/authorize?") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        // the user's browser: approves, and the authorization server sends it to the redirect URI
        Matcher url = Pattern.compile("(http://\\S+/authorize\\?\\S+)").matcher(prompts.toString(StandardCharsets.UTF_8));
        assertThat(url.find()).isTrue();
        Map<String, String> request = Query.parse(URI.create(url.group(1)).getRawQuery());
        URI back = URI.create(request.get("redirect_uri") + "?code=code-1&state=" + OAuthHttp.encode(request.get("state")));
        try (HttpClient browser = HttpClient.newHttpClient()) {
            assertThat(browser.send(HttpRequest.newBuilder(back).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        }
        done.get(20, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(authorizer.authorization()).isEqualTo("Bearer tok-1");
        assertThat(request.get("redirect_uri")).startsWith("http://127.0.0.1:").endsWith("/callback");
        assertThat(prompts.toString(StandardCharsets.UTF_8)).doesNotContain("tok-1").doesNotContain("ref-1");
    }
}
