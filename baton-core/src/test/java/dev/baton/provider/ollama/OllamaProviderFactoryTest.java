package dev.baton.provider.ollama;

import dev.baton.secret.Secret;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import dev.baton.testing.LoopbackServer;
import dev.baton.testing.LoopbackServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class OllamaProviderFactoryTest {

    @ParameterizedTest(name = "OLLAMA_HOST={0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "''                          | http://127.0.0.1:11434",
            "localhost                   | http://localhost:11434",
            "gpu-box:8080                | http://gpu-box:8080",
            "0.0.0.0                     | http://127.0.0.1:11434",
            "0.0.0.0:9999                | http://127.0.0.1:9999",
            "[::1]:11500                 | http://[::1]:11500",
            "::                          | http://[::1]:11434",
            "http://ollama.lan           | http://ollama.lan:80",
            "https://ollama.example.com  | https://ollama.example.com:443",
            "https://proxy.example/ollama/ | https://proxy.example:443/ollama",
            "host:notaport               | http://host:11434"})
    void parse_host_follows_ollama_host_semantics(String value, String expected) {
        assertThat(OllamaProviderFactory.parseHost(value)).isEqualTo(URI.create(expected));
    }

    @Test
    void is_found_by_service_loader_with_its_default_base_url() {
        ProviderFactory factory = ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.kind().equals("ollama")).findFirst().orElseThrow();

        assertThat(factory.defaultBaseUrl()).isEqualTo(URI.create("http://localhost:11434"));
    }

    @Test
    void probe_and_list_models_read_api_tags() {
        try (LoopbackServer server = new LoopbackServer()) {
            String tags = """
                    {"models":[{"name":"llama3.2:latest","model":"llama3.2:latest","size":2019393189,
                      "details":{"family":"llama","parameter_size":"3.2B"}},{"name":"qwen3:8b","model":"qwen3:8b"}]}""";
            server.enqueue(Reply.json(200, tags));
            server.enqueue(Reply.json(200, tags));
            ProviderSettings settings = ProviderSettings.of("ollama", server.baseUri(), Secret.of("proxy-key-123456789"));
            var json = JsonMapper.builder().build();

            ProviderStatus status = new OllamaProviderFactory().probe(settings, Duration.ofSeconds(2), json);
            var models = new OllamaProviderFactory().listModels(settings, Duration.ofSeconds(2), json);

            assertThat(status.state()).isEqualTo(ProviderStatus.State.REACHABLE);
            assertThat(status.models()).containsExactly("llama3.2:latest", "qwen3:8b");
            assertThat(models).containsExactly("llama3.2:latest", "qwen3:8b");
            assertThat(server.lastRequest().path()).isEqualTo("/api/tags");
            assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer proxy-key-123456789");
        }
    }

    @Test
    void probe_of_a_stopped_server_is_unreachable_with_a_hint() {
        int port;
        try (LoopbackServer gone = new LoopbackServer()) {
            port = gone.baseUri().getPort();
        }
        ProviderSettings settings = ProviderSettings.of("ollama", URI.create("http://127.0.0.1:" + port), null);

        ProviderStatus status = new OllamaProviderFactory().probe(settings, Duration.ofSeconds(2),
                JsonMapper.builder().build());

        assertThat(status.state()).isEqualTo(ProviderStatus.State.UNREACHABLE);
        assertThat(status.detail()).contains("ollama serve");
    }
}
