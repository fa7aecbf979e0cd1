package dev.baton.provider.gemini;

import dev.baton.secret.Secret;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiProviderFactoryTest {

    private static final String KEY = "AIzaSyTEST-0123456789abcdefghij";

    @Test
    void is_found_by_service_loader_with_its_default_base_url() {
        ProviderFactory factory = ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.kind().equals("gemini")).findFirst().orElseThrow();

        assertThat(factory.defaultBaseUrl()).isEqualTo(URI.create("https://generativelanguage.googleapis.com"));
    }

    @Test
    void probe_lists_models_with_the_key_in_a_header() {
        try (LoopbackServer server = new LoopbackServer()) {
            server.enqueue(Reply.json(200, """
                    {"models":[{"name":"models/gemini-2.5-flash","supportedGenerationMethods":["generateContent"]},
                               {"name":"models/gemini-2.5-pro"}]}"""));
            ProviderSettings settings = ProviderSettings.of("gemini", server.baseUri(), Secret.of(KEY));

            ProviderStatus status = new GeminiProviderFactory().probe(settings, Duration.ofSeconds(2),
                    JsonMapper.builder().build());

            assertThat(status.state()).isEqualTo(ProviderStatus.State.REACHABLE);
            assertThat(status.models()).containsExactly("gemini-2.5-flash", "gemini-2.5-pro");
            assertThat(server.lastRequest().path()).isEqualTo("/v1beta/models");
            assertThat(server.lastRequest().query()).doesNotContain(KEY);
            assertThat(server.lastRequest().header("x-goog-api-key")).isEqualTo(KEY);
        }
    }

    @Test
    void probe_with_a_bad_key_is_unauthorized_without_echoing_the_key() {
        try (LoopbackServer server = new LoopbackServer()) {
            server.enqueue(Reply.json(400, """
                    {"error":{"code":400,"message":"API key not valid: %s","status":"INVALID_ARGUMENT",
                     "details":[{"reason":"API_KEY_INVALID"}]}}""".formatted(KEY)));
            ProviderSettings settings = ProviderSettings.of("gemini", server.baseUri(), Secret.of(KEY));

            ProviderStatus status = new GeminiProviderFactory().probe(settings, Duration.ofSeconds(2),
                    JsonMapper.builder().build());

            assertThat(status.state()).isEqualTo(ProviderStatus.State.UNAUTHORIZED);
            assertThat(status.detail()).doesNotContain(KEY);
        }
    }
}
