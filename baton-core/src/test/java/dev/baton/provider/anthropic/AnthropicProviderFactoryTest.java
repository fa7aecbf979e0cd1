package dev.baton.provider.anthropic;

import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderStatus;
import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

import static dev.baton.provider.anthropic.AnthropicTestSupport.KEY;
import static org.assertj.core.api.Assertions.assertThat;

class AnthropicProviderFactoryTest {

    private final LoopbackServer server = new LoopbackServer();
    private final AnthropicProviderFactory factory = new AnthropicProviderFactory();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void is_found_by_service_loader_as_kind_anthropic_with_the_api_root_as_default_base_url() {
        ProviderFactory found = ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.kind().equals("anthropic")).findFirst().orElseThrow();

        assertThat(found).isInstanceOf(AnthropicProviderFactory.class);
        assertThat(found.defaultBaseUrl()).isEqualTo(URI.create("https://api.anthropic.com"));
        assertThat(found.create(AnthropicTestSupport.settings(null, Map.of()), "claude-opus-4-1", null,
                AnthropicDialect.JSON).toString()).contains("api.anthropic.com").doesNotContain(KEY);
    }

    @Test
    void probe_lists_models_from_v1_models_with_the_key() {
        server.enqueue(Reply.json(200, """
                {"data":[{"type":"model","id":"claude-sonnet-4-5-20250929","display_name":"Claude Sonnet 4.5",
                "created_at":"2025-09-29T00:00:00Z"},{"type":"model","id":"claude-haiku-4-5-20251001",
                "display_name":"Claude Haiku 4.5","created_at":"2025-10-01T00:00:00Z"}],
                "has_more":false,"first_id":"claude-sonnet-4-5-20250929","last_id":"claude-haiku-4-5-20251001"}"""));

        ProviderStatus status = factory.probe(AnthropicTestSupport.settings(server.baseUri(), Map.of()),
                Duration.ofSeconds(2), AnthropicDialect.JSON);

        assertThat(status.state()).isEqualTo(ProviderStatus.State.REACHABLE);
        assertThat(status.kind()).isEqualTo("anthropic");
        assertThat(status.models()).containsExactly("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001");
        var request = server.lastRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v1/models");
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
    }

    @Test
    void probe_with_a_rejected_key_is_unauthorized_and_does_not_echo_it() {
        server.enqueue(new AnthropicDialect().error(401, "authentication_error", "invalid x-api-key " + KEY));

        ProviderStatus status = factory.probe(AnthropicTestSupport.settings(server.baseUri(), Map.of()),
                Duration.ofSeconds(2), AnthropicDialect.JSON);

        assertThat(status.state()).isEqualTo(ProviderStatus.State.UNAUTHORIZED);
        assertThat(status.detail()).contains("invalid x-api-key").doesNotContain(KEY);
    }

    @Test
    void probe_of_a_server_that_is_not_there_is_unreachable() {
        int port;
        try (LoopbackServer gone = new LoopbackServer()) {
            port = gone.baseUri().getPort();
        }

        ProviderStatus status = factory.probe(AnthropicTestSupport.settings(URI.create("http://127.0.0.1:" + port), Map.of()),
                Duration.ofSeconds(2), AnthropicDialect.JSON);

        assertThat(status.state()).isEqualTo(ProviderStatus.State.UNREACHABLE);
    }

    @Test
    void settings_from_the_environment_follow_the_official_sdks() {
        var withKey = AnthropicProviderFactory.fromEnvironment("claude",
                Map.of("ANTHROPIC_API_KEY", KEY, "ANTHROPIC_BASE_URL", "https://proxy.example/anthropic"));
        var withToken = AnthropicProviderFactory.fromEnvironment("claude", Map.of("ANTHROPIC_AUTH_TOKEN", "tok-123456789"));
        var empty = AnthropicProviderFactory.fromEnvironment("claude", Map.of());

        assertThat(withKey.apiKey().reveal()).isEqualTo(KEY);
        assertThat(withKey.baseUrl()).isEqualTo(URI.create("https://proxy.example/anthropic"));
        assertThat(withKey.kind()).isEqualTo("anthropic");
        assertThat(withToken.option("auth", null)).isEqualTo("bearer");
        assertThat(empty.apiKey()).isNull();
        assertThat(empty.baseUrl()).isEqualTo(URI.create("https://api.anthropic.com"));
    }

    @Test
    void a_bearer_token_is_sent_as_authorization_instead_of_x_api_key() {
        server.enqueue(new AnthropicDialect().text("ok", 1, 1));
        var settings = AnthropicProviderFactory.fromEnvironment("claude",
                Map.of("ANTHROPIC_AUTH_TOKEN", "tok-123456789", "ANTHROPIC_BASE_URL", server.baseUri().toString()));

        factory.create(settings, "claude-haiku-4-5", null, AnthropicDialect.JSON).chat(dev.baton.llm.ChatRequest.of("x"));

        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer tok-123456789");
        assertThat(server.lastRequest().header("x-api-key")).isNull();
    }
}
